package dev.tally.emulator.costexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.emulator.http.AwsJsonError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An opaque page token: where the next page starts and a fingerprint of the request it belongs to, so a
 * token replayed with another request is refused ({@code RequestChangedException} for the queries that
 * declare it, {@code InvalidNextTokenException} otherwise) instead of silently paging something else.
 */
final class PageToken {
    private PageToken() {}

    /** The offset the request's token points at (0 without a token). */
    static int offset(ObjectNode request, String tokenField, boolean requestChangedError) {
        JsonNode token = request.get(tokenField);
        if (token == null || token.isNull() || token.asText().isEmpty()) {
            return 0;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token.asText()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw invalid();
        }
        int offset;
        try {
            offset = Integer.parseInt(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (offset < 0) {
            throw invalid();
        }
        if (!text.substring(colon + 1).equals(fingerprint(request, tokenField))) {
            throw requestChangedError
                    ? new AwsJsonError(400, "RequestChangedException", "Your request parameters changed between pages. Submit a request with the same parameters.")
                    : invalid();
        }
        return offset;
    }

    static String next(ObjectNode request, String tokenField, int offset) {
        String text = offset + ":" + fingerprint(request, tokenField);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fingerprint(ObjectNode request, String tokenField) {
        ObjectNode copy = request.deepCopy();
        copy.remove(tokenField);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(copy.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsJsonError invalid() {
        return new AwsJsonError(400, "InvalidNextTokenException", "The pagination token is invalid. Try again without a pagination token.");
    }
}
