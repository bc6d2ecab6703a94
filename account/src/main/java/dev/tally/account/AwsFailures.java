package dev.tally.account;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an AWS SDK error into Tally's one-line error: what was called, AWS's code and message. A request
 * AWS refused as invalid ({@code ValidationException}) is the user's input, exit 2; anything else (access
 * denied, throttling, no credentials, no network) is a failure, exit 1. SDK messages carry no secrets.
 */
public final class AwsFailures {
    private AwsFailures() {}

    public static TallyException of(String call, SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String message = OneLine.of(s.awsErrorDetails().errorMessage());
            String text = call + " was refused: " + code + ": " + message;
            if ("ValidationException".equals(code)) {
                return new TallyException(ErrorKind.USAGE, text, e);
            }
            if (code != null && code.contains("AccessDenied")) {
                return TallyException.failure(text + " (the caller's IAM policy must allow it)", e);
            }
            return TallyException.failure(text, e);
        }
        return TallyException.failure(call + " failed: " + OneLine.of(e.getMessage()), e);
    }
}
