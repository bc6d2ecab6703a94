package dev.tally.core.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * JSON text without a JSON library, for the places that must not load one: the credential_process's cached
 * path (which writes through {@link JsonWriter} and reads its cache file with {@link #flatObject}) and the
 * JSON-string map columns of CUR CSV exports. Everywhere else (the emulator, the account commands) JSON is
 * Jackson's; nowhere is it built by concatenating strings.
 */
public final class JsonText {
    private JsonText() {}

    /** A JSON object of string values, in the map's iteration order. */
    public static String object(Map<String, String> map) {
        StringBuilder sb = new StringBuilder().append('{');
        map.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            string(sb, k);
            sb.append(':');
            string(sb, v);
        });
        return sb.append('}').toString();
    }

    /** Appends {@code s} as a JSON string literal: quotes, backslashes and control characters escaped. */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * The members of one flat JSON object (strings and numbers, no nesting) as text; empty when the text is not
     * one (a corrupt file).
     */
    public static Optional<Map<String, String>> flatObject(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {skip(text, 0)};
        if (pos[0] >= text.length() || text.charAt(pos[0]) != '{') {
            return Optional.empty();
        }
        pos[0] = skip(text, pos[0] + 1);
        if (pos[0] < text.length() && text.charAt(pos[0]) == '}') {
            return skip(text, pos[0] + 1) == text.length() ? Optional.of(out) : Optional.empty();
        }
        while (true) {
            String key = parseString(text, pos);
            if (key == null) {
                return Optional.empty();
            }
            pos[0] = skip(text, pos[0]);
            if (pos[0] >= text.length() || text.charAt(pos[0]) != ':') {
                return Optional.empty();
            }
            pos[0] = skip(text, pos[0] + 1);
            String value = pos[0] < text.length() && text.charAt(pos[0]) == '"'
                    ? parseString(text, pos)
                    : parseNumber(text, pos);
            if (value == null) {
                return Optional.empty();
            }
            out.put(key, value);
            pos[0] = skip(text, pos[0]);
            if (pos[0] >= text.length()) {
                return Optional.empty();
            }
            char c = text.charAt(pos[0]);
            pos[0] = skip(text, pos[0] + 1);
            if (c == '}') {
                return pos[0] == text.length() ? Optional.of(out) : Optional.empty();
            }
            if (c != ',') {
                return Optional.empty();
            }
        }
    }

    private static @Nullable String parseString(String text, int[] pos) {
        int i = pos[0];
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                pos[0] = i + 1;
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= text.length()) {
                return null;
            }
            switch (text.charAt(i)) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (i + 4 >= text.length()) {
                        return null;
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private static @Nullable String parseNumber(String text, int[] pos) {
        int i = pos[0];
        while (i < text.length() && "+-0123456789.eE".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        if (i == pos[0]) {
            return null;
        }
        String n = text.substring(pos[0], i);
        pos[0] = i;
        return n;
    }

    private static int skip(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
