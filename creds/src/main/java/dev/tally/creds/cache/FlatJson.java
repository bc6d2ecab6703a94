package dev.tally.creds.cache;

import dev.tally.core.io.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object of strings and numbers, no nesting: the credential_process output and the cache file. Written
 * by hand rather than with a JSON library because it runs on the cached path, before every client process,
 * where each loaded class counts.
 */
final class FlatJson {
    private FlatJson() {}

    static String write(Map<String, Object> fields) {
        StringBuilder sb = new StringBuilder(512).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonText.string(sb, e.getKey());
            sb.append(':');
            if (e.getValue() instanceof Number n) {
                sb.append(n);
            } else {
                JsonText.string(sb, String.valueOf(e.getValue()));
            }
        }
        return sb.append('}').toString();
    }

    /** The object's members as text; empty when the text is not one flat JSON object (a corrupt file). */
    static Optional<Map<String, String>> read(String text) {
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

    private static String parseString(String text, int[] pos) {
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

    private static String parseNumber(String text, int[] pos) {
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
