package dev.tally.creds.launch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OTEL_RESOURCE_ATTRIBUTES}: comma-separated {@code key=value} pairs whose values are
 * percent-encoded (OpenTelemetry SDK environment variable specification, W3C Baggage format).
 */
final class ResourceAttributes {
    private ResourceAttributes() {}

    /** The attributes with {@code project} set to the name, replacing an earlier {@code project}, keeping the rest. */
    static String withProject(String existing, String project) {
        List<String> pairs = new ArrayList<>();
        for (String pair : existing.split(",", -1)) {
            String key =
                    pair.contains("=") ? pair.substring(0, pair.indexOf('=')).strip() : pair.strip();
            if (!pair.isBlank() && !key.equals("project")) {
                pairs.add(pair.strip());
            }
        }
        pairs.add("project=" + encode(project));
        return String.join(",", pairs);
    }

    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
