package dev.tally.core.io;

import java.util.Map;

/**
 * JSON text written without a JSON library, for the places that must not load one: the credential_process's
 * cached path and the JSON-string map columns of CUR CSV exports.
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
}
