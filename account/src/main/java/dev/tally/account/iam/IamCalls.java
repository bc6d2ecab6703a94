package dev.tally.account.iam;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one IAM call and turns its failure into one line that names the IAM action, so a missing permission
 * reads "IAM refused iam:PutRolePolicy on role X (AccessDenied: ...)" rather than a stack trace.
 */
final class IamCalls {
    private IamCalls() {}

    static <T> T call(String action, String target, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                    ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            String what = code.startsWith("AccessDenied") || e.statusCode() == 403 ? "IAM refused " : "IAM failed ";
            throw new TallyException(ErrorKind.FAILURE, what + action + " on " + target + " (" + code + ": " + OneLine.of(message) + ")", e);
        } catch (SdkClientException e) {
            throw TallyException.failure("cannot reach IAM for " + action + " (" + OneLine.of(e.getMessage()) + ")", e);
        }
    }

    static void run(String action, String target, Runnable call) {
        call(action, target, () -> {
            call.run();
            return null;
        });
    }
}
