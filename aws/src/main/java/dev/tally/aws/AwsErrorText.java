package dev.tally.aws;

import dev.tally.core.error.OneLine;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An AWS error's code and message for a one-line report. When the SDK could not parse the error body (an
 * endpoint that answers in another protocol's shape, as moto does for authorization failures: an XML
 * {@code <Errors><Error>} wrapper), the code and message are read from the raw body, so the user still sees
 * {@code AccessDenied} and the action it names rather than a bare status.
 */
public record AwsErrorText(String code, String message) {
    private static final Pattern CODE =
            Pattern.compile("<Code>([^<]+)</Code>|\"(?:__type|code|Code)\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MESSAGE =
            Pattern.compile("<Message>([^<]*)</Message>|\"(?:message|Message)\"\\s*:\\s*\"([^\"]*)\"");

    public static AwsErrorText of(AwsServiceException e) {
        AwsErrorDetails d = e.awsErrorDetails();
        String code = d == null ? null : d.errorCode();
        String message = d == null ? null : d.errorMessage();
        if ((code == null || message == null) && d != null && d.rawResponse() != null) {
            String body = d.rawResponse().asString(StandardCharsets.UTF_8);
            code = code != null ? code : first(CODE.matcher(body)).orElse(null);
            message = message != null ? message : first(MESSAGE.matcher(body)).orElse(null);
        }
        return new AwsErrorText(
                code == null ? "HTTP " + e.statusCode() : code, OneLine.of(message == null ? e.getMessage() : message));
    }

    /** Whether the error named a code (in the SDK's parse or the raw body); without one it is a bare status. */
    public boolean fromBody() {
        return !code.startsWith("HTTP ");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }

    private static Optional<String> first(Matcher m) {
        if (!m.find()) {
            return Optional.empty();
        }
        // '#' separates a JSON error type's namespace: "com.amazonaws.budgets#DuplicateRecordException".
        String v = m.group(1) != null ? m.group(1) : m.group(2);
        return Optional.of(v.substring(v.lastIndexOf('#') + 1));
    }
}
