package dev.tally.gateway.proxy;

import static java.util.Objects.requireNonNull;

import dev.tally.gateway.BedrockFault;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A request's operation and model, read from its path. The model id is kept twice: as the client sent it (the
 * path is forwarded byte for byte, so a URL-encoded ARN reaches Bedrock as the client signed nothing of it) and
 * decoded (for the character check and the price catalog).
 *
 * @param rawModelId the id as it appeared in the path, possibly percent-encoded; empty for list operations
 * @param modelId the decoded id; empty for list operations
 */
public record Route(Operation operation, String rawModelId, String modelId) {
    /**
     * Bedrock's model identifiers (foundation models, inference profiles and their ARNs) use only these; the
     * longest ARNs are well under 2048 characters.
     */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:/+-]{1,2048}");

    private static final String[][] RUNTIME = {
        {"/invoke", "INVOKE"},
        {"/invoke-with-response-stream", "INVOKE_STREAM"},
        {"/converse", "CONVERSE"},
        {"/converse-stream", "CONVERSE_STREAM"},
        {"/count-tokens", "COUNT_TOKENS"}
    };

    public Route {
        requireNonNull(operation, "operation is null");
        requireNonNull(rawModelId, "rawModelId is null");
        requireNonNull(modelId, "modelId is null");
    }

    /** The route for a method and raw (still encoded) path; unknown paths and bad model ids are faults. */
    public static Route parse(String method, String rawPath) {
        if (method.equals("GET")) {
            if (rawPath.equals("/foundation-models")) {
                return new Route(Operation.LIST_FOUNDATION_MODELS, "", "");
            }
            if (rawPath.equals("/inference-profiles")) {
                return new Route(Operation.LIST_INFERENCE_PROFILES, "", "");
            }
            if (rawPath.startsWith("/inference-profiles/") && rawPath.length() > "/inference-profiles/".length()) {
                String raw = rawPath.substring("/inference-profiles/".length());
                return new Route(Operation.GET_INFERENCE_PROFILE, raw, checked(raw));
            }
        } else if (method.equals("POST") && rawPath.startsWith("/model/")) {
            for (String[] r : RUNTIME) {
                if (rawPath.endsWith(r[0]) && rawPath.length() > "/model/".length() + r[0].length()) {
                    String raw = rawPath.substring("/model/".length(), rawPath.length() - r[0].length());
                    return new Route(Operation.valueOf(r[1]), raw, checked(raw));
                }
            }
        }
        throw BedrockFault.unknownPath(method, rawPath);
    }

    private static String checked(String raw) {
        String decoded = percentDecoded(raw);
        if (decoded == null || !MODEL_ID.matcher(decoded).matches()) {
            throw BedrockFault.validation(
                    "1 validation error detected: Value at 'modelId' failed to satisfy constraint:"
                            + " Member must satisfy regular expression pattern: [A-Za-z0-9._:/+-]{1,2048}");
        }
        return decoded;
    }

    /** RFC 3986 percent-decoding ({@code +} stays a plus: it is a path, not a form); null when malformed. */
    static @Nullable String percentDecoded(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
