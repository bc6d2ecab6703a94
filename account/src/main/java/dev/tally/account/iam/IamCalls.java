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
            AwsErrorText error = AwsErrorText.of(e);
            String what = error.accessDenied(e) ? "IAM refused " : "IAM failed ";
            throw new TallyException(ErrorKind.FAILURE, what + action + " on " + target + " (" + error + ")", e);
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
