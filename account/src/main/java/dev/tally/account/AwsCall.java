package dev.tally.account;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One AWS API call as a user would name it, and the one place the account commands turn its failure into a
 * line a user can act on: a refusal for lack of permission names the IAM action to grant (an operation is
 * not always authorized by the action of the same name: Budgets' CreateBudget needs
 * {@code budgets:ModifyBudget}); a request AWS refused as invalid is the user's input (exit 2); anything
 * else, and an endpoint that cannot be reached, is a failure (exit 1). SDK messages carry no secrets.
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
        if (e instanceof AwsServiceException s) {
            AwsErrorText error = AwsErrorText.of(s);
            if (error.badCredentials()) {
                return new TallyException(
                        ErrorKind.FAILURE,
                        service + " rejected the credentials for " + operation + " (" + error
                                + "): check the keys or refresh them (aws sso login), and that the endpoint is "
                                + service + "'s",
                        e);
            }
            if (error.accessDenied(s)) {
                return new TallyException(
                        ErrorKind.FAILURE,
                        service + " refused " + operation + ": the caller lacks " + iamAction + " (" + error + ")",
                        e);
            }
            if (error.code().equals("ValidationException")) {
                return new TallyException(
                        ErrorKind.USAGE, service + " refused " + operation + " as invalid (" + error + ")", e);
            }
            return new TallyException(ErrorKind.FAILURE, service + " " + operation + " failed (" + error + ")", e);
        }
        if (e instanceof SdkClientException) {
            return TallyException.failure(
                    "cannot reach " + service + " for " + operation + " (" + OneLine.of(e.getMessage()) + ")", e);
        }
        return TallyException.failure(service + " " + operation + " failed (" + OneLine.of(e.getMessage()) + ")", e);
    }
}
