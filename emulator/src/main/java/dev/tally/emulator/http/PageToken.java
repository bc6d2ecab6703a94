package dev.tally.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * An opaque page token of a JSON 1.1 service: where the next page starts and a fingerprint of the request it
 * belongs to, so a token replayed with another request is refused instead of silently paging something else.
 * Each service refuses in its own words (Cost Explorer: {@link #invalidNextToken}, {@link #requestChanged};
 * Data Exports: a ValidationException).
 */
public final class PageToken {
    private PageToken() {}

    /**
     * The offset the request's token points at (0 without a token); a token not made here throws {@code invalid},
     * one made for another request {@code changed}.
     */
    public static int offset(
            ObjectNode request, String tokenField, Supplier<AwsJsonError> invalid, Supplier<AwsJsonError> changed) {
        JsonNode token = request.get(tokenField);
        if (token == null || token.isNull() || token.asText().isEmpty()) {
            return 0;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token.asText()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid.get();
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw invalid.get();
        }
        int offset;
        try {
            offset = Integer.parseInt(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw invalid.get();
        }
        if (offset < 0) {
            throw invalid.get();
        }
        if (!text.substring(colon + 1).equals(fingerprint(request, tokenField))) {
            throw changed.get();
        }
        return offset;
    }

    public static String next(ObjectNode request, String tokenField, int offset) {
        String text = offset + ":" + fingerprint(request, tokenField);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fingerprint(ObjectNode request, String tokenField) {
        ObjectNode copy = request.deepCopy();
        copy.remove(tokenField);
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(copy.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cost Explorer's refusal of a token it did not make. */
    public static AwsJsonError invalidNextToken() {
        return new AwsJsonError(
                400,
                "InvalidNextTokenException",
                "The pagination token is invalid. Try again without a pagination token.");
    }

    /** Cost Explorer's refusal of a token made for other request parameters (for the queries that declare it). */
    public static AwsJsonError requestChanged() {
        return new AwsJsonError(
                400,
                "RequestChangedException",
                "Your request parameters changed between pages. Submit a request with the same parameters.");
    }
}
