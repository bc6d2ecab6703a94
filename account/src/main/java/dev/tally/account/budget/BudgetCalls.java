package dev.tally.account.budget;

import dev.tally.account.iam.AwsErrorText;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one AWS Budgets or STS call and turns its failure into one line. Budgets' API operations are
 * authorized by other IAM actions (CreateBudget by {@code budgets:ModifyBudget}, DescribeBudgets by
 * {@code budgets:ViewBudget}), so a refusal names the IAM action the caller lacks.
 */
final class BudgetCalls {
    private BudgetCalls() {}

    static <T> T call(String service, String operation, String iamAction, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            AwsErrorText error = AwsErrorText.of(e);
            if (error.accessDenied(e)) {
                throw new TallyException(ErrorKind.FAILURE, service + " refused " + operation + ": the caller lacks " + iamAction
                        + " (" + error + ")", e);
            }
            throw new TallyException(ErrorKind.FAILURE, service + " " + operation + " failed (" + error + ")", e);
        } catch (SdkClientException e) {
            throw TallyException.failure("cannot reach " + service + " for " + operation + " (" + OneLine.of(e.getMessage()) + ")", e);
        }
    }
}
