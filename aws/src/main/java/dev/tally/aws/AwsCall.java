package dev.tally.aws;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One AWS API call as a user would name it, and the line its failure becomes ({@link AwsFailure} decides the
 * cause and the exit kind): a refusal for lack of permission names the IAM action to grant (an operation is
 * not always authorized by the action of the same name: Budgets' CreateBudget needs
 * {@code budgets:ModifyBudget}, S3's ListObjectsV2 {@code s3:ListBucket}); a request AWS refused as invalid is
 * the user's input (exit 2); anything else, an endpoint that cannot be reached and one that is not AWS, is a
 * failure (exit 1).
 *
 * @param service the service as users know it ({@code IAM}, {@code Cost Explorer})
 * @param operation the API operation, with its target where that helps ({@code GetRole on role dev})
 * @param iamAction the IAM action that authorizes it ({@code iam:GetRole})
 */
public record AwsCall(String service, String operation, String iamAction) {
    public AwsCall {
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(iamAction, "iamAction is null");
    }

    public static AwsCall of(String service, String operation, String iamAction) {
        return new AwsCall(service, operation, iamAction);
    }

    /** An IAM call on one target: IAM's actions are named as its operations. */
    public static AwsCall iam(String operation, String target) {
        return new AwsCall("IAM", operation + " on " + target, "iam:" + operation);
    }

    /** A Cost Explorer call: its actions are {@code ce:} and the operation's name. */
    public static AwsCall costExplorer(String operation) {
        return new AwsCall("Cost Explorer", operation, "ce:" + operation);
    }

    /** A Data Exports call: its actions are {@code bcm-data-exports:} and the operation's name. */
    public static AwsCall dataExports(String operation) {
        return new AwsCall("Data Exports", operation, "bcm-data-exports:" + operation);
    }

    public <T> T run(Supplier<T> body) {
        try {
            return body.get();
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    public void run(Runnable body) {
        run(() -> {
            body.run();
            return null;
        });
    }

    public TallyException failure(SdkException e) {
        return failure(AwsFailure.of(e), e);
    }

    /** The line for a failure found other than by the SDK's exception ({@link AwsFailure#emptyAnswer}). */
    public TallyException failure(AwsFailure f, @Nullable Throwable cause) {
        String line = switch (f.cause()) {
            case BAD_CREDENTIALS ->
                service + " rejected the credentials for " + operation + " (" + f.detail()
                        + "): check the keys or refresh them (aws sso login), and that the endpoint is "
                        + service + "'s";
            case ACCESS_DENIED ->
                service + " refused " + operation + ": the caller lacks " + iamAction + " (" + f.detail() + ")";
            case INVALID_REQUEST -> service + " refused " + operation + " as invalid (" + f.detail() + ")";
            case NO_SUCH_BUCKET -> service + " refused " + operation + " (" + f.detail() + ")";
            case UNREACHABLE -> "cannot reach " + service + " for " + operation + " (" + f.detail() + ")";
            case NOT_SERVED -> "the endpoint for " + service + " does not serve " + operation + " (" + f.detail() + ")";
            case NOT_AWS ->
                "the endpoint for " + service + " is not " + service + ": " + operation + " got " + f.detail();
            case SERVICE -> service + " " + operation + " failed (" + f.detail() + ")";
        };
        return new TallyException(f.kind(), line, cause);
    }
}
