package dev.tally.cur;

import java.util.Map;
import java.util.stream.Collectors;

/** The JSON object strings that CUR CSV exports hold in map columns, written without a JSON library. */
public final class JsonText {
    private JsonText() {}

    /** A JSON object of string values, in the map's iteration order. */
    public static String object(Map<String, String> map) {
        return map.entrySet().stream()
                .map(e -> string(e.getKey()) + ":" + string(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
