package dev.tally.emulator.http;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;

/**
 * One received request as SigV4 and the services need it: the path and query exactly as sent (still
 * percent-encoded, because the signature covers the encoded form), the headers and the whole body.
 */
public final class HttpCall {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final HttpFields headers;
    private final byte[] body;
    private final String authority;

    public HttpCall(String method, String rawPath, String rawQuery, HttpFields headers, byte[] body) {
        this(method, rawPath, rawQuery, headers, body, "");
    }

    public HttpCall(String method, String rawPath, String rawQuery, HttpFields headers, byte[] body, String authority) {
        this.method = requireNonNull(method, "method is null");
        this.rawPath = requireNonNull(rawPath, "rawPath is null");
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.headers = requireNonNull(headers, "headers is null");
        this.body = requireNonNull(body, "body is null");
        this.authority = requireNonNull(authority, "authority is null");
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public List<String> headerValues(String name) {
        List<String> values = headers.getValuesList(name);
        // HTTP/2 carries the host in the :authority pseudo-header, which SigV4 signs as "host".
        if (values.isEmpty() && name.equals("host") && !authority.isEmpty()) {
            return List.of(authority);
        }
        return values;
    }

    /** A query parameter's decoded value, the first if repeated (REST APIs put their inputs there). */
    public Optional<String> queryParameter(String name) {
        for (String part : rawQuery.split("&", -1)) {
            int eq = part.indexOf('=');
            if (eq > 0 && decode(part.substring(0, eq)).equals(name)) {
                return Optional.of(decode(part.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** Percent-decodes a path or query component; {@code +} stays a plus, as SigV4 clients mean it. */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
