package dev.tally.account.budget;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.AwsCall;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.DuplicateRecordException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Tag budgets in AWS Budgets for the calling account (found with STS GetCallerIdentity, which needs no
 * permission): create one, list all.
 */
public final class AwsBudgets {
    private final BudgetsClient budgets;
    private final StsClient sts;

    public AwsBudgets(BudgetsClient budgets, StsClient sts) {
        this.budgets = requireNonNull(budgets, "budgets is null");
        this.sts = requireNonNull(sts, "sts is null");
    }

    /** The calling account's id. */
    public String accountId() {
        return AwsCall.of("STS", "GetCallerIdentity", "valid credentials")
                .run(() -> sts.getCallerIdentity().account());
    }

    /** Creates the budget with one ACTUAL, GREATER_THAN, PERCENTAGE notification per threshold; returns the account id. */
    public String create(BudgetSpec spec) {
        String account = accountId();
        Budget budget = budget(spec);
        List<NotificationWithSubscribers> notifications = notifications(spec);
        try {
            AwsCall.of("AWS Budgets", "CreateBudget", "budgets:ModifyBudget")
                    .run(() -> budgets.createBudget(
                            b -> b.accountId(account).budget(budget).notificationsWithSubscribers(notifications)));
        } catch (TallyException e) {
            if (e.getCause() instanceof DuplicateRecordException) {
                throw new TallyException(
                        ErrorKind.FAILURE,
                        "budget '" + spec.name() + "' already exists in account " + account
                                + " (DuplicateRecordException); choose another name or delete it first",
                        e.getCause());
            }
            throw e;
        }
        return account;
    }

    /** Every budget of the account, all pages. */
    public List<BudgetSummary> list() {
        String account = accountId();
        List<BudgetSummary> out = new ArrayList<>();
        AwsCall.of("AWS Budgets", "DescribeBudgets", "budgets:ViewBudget").run(() -> {
            budgets.describeBudgetsPaginator(b -> b.accountId(account).maxResults(100))
                    .budgets()
                    .forEach(b -> out.add(summary(b)));
            return null;
        });
        return out;
    }

    // CostFilters is deprecated for FilterExpression; it is what the budgets Tally already wrote carry and what moto
    // (the tests' peer) reads, so moving is a change of what Tally writes to AWS, not a warning fix.
    @SuppressWarnings("deprecation")
    static Budget budget(BudgetSpec spec) {
        return Budget.builder()
                .budgetName(spec.name())
                .budgetType(BudgetType.COST)
                .timeUnit(spec.period().timeUnit())
                .budgetLimit(Spend.builder().amount(spec.limit()).unit("USD").build())
                .costFilters(Map.of(BudgetTagFilter.FILTER, List.of(spec.tag().filterValue())))
                .build();
    }

    static List<NotificationWithSubscribers> notifications(BudgetSpec spec) {
        List<Subscriber> subscribers = spec.emails().stream()
                .map(a -> Subscriber.builder()
                        .subscriptionType(SubscriptionType.EMAIL)
                        .address(a)
                        .build())
                .toList();
        return spec.thresholds().stream()
                .map(t -> NotificationWithSubscribers.builder()
                        .notification(Notification.builder()
                                .notificationType(NotificationType.ACTUAL)
                                .comparisonOperator(ComparisonOperator.GREATER_THAN)
                                .threshold(t.doubleValue())
                                .thresholdType(ThresholdType.PERCENTAGE)
                                .build())
                        .subscribers(subscribers)
                        .build())
                .toList();
    }

    @SuppressWarnings("deprecation") // CostFilters, as budget(...) writes them
    private static BudgetSummary summary(Budget b) {
        Optional<String> limit = Optional.ofNullable(b.budgetLimit()).map(AwsBudgets::spend);
        Optional<String> actual = Optional.ofNullable(b.calculatedSpend())
                .map(c -> c.actualSpend())
                .map(AwsBudgets::spend);
        return new BudgetSummary(
                b.budgetName(),
                limit,
                b.timeUnitAsString() == null ? "" : b.timeUnitAsString(),
                b.budgetTypeAsString() == null ? "" : b.budgetTypeAsString(),
                new TreeMap<>(b.costFilters()),
                actual);
    }

    private static String spend(Spend s) {
        BigDecimal amount = s.amount() == null ? BigDecimal.ZERO : s.amount();
        return amount.stripTrailingZeros().toPlainString() + " " + (s.unit() == null ? "" : s.unit());
    }
}
