package dev.tally.emulator.costexplorer;

import dev.tally.cur.CurLineItem;
import dev.tally.emulator.http.AwsJsonError;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The metrics GetCostAndUsage accepts (its documentation lists them), read from CUR 2.0 columns. One
 * account without discounts or commitments makes blended and amortized cost equal to unblended cost;
 * {@code NormalizedUsageAmount} applies to EC2 size flexibility only and is 0 here.
 */
enum CostMetric {
    AMORTIZED_COST("AmortizedCost"),
    BLENDED_COST("BlendedCost"),
    NET_AMORTIZED_COST("NetAmortizedCost"),
    NET_UNBLENDED_COST("NetUnblendedCost"),
    NORMALIZED_USAGE_AMOUNT("NormalizedUsageAmount"),
    UNBLENDED_COST("UnblendedCost"),
    USAGE_QUANTITY("UsageQuantity");

    private final String apiName;

    CostMetric(String apiName) {
        this.apiName = apiName;
    }

    BigDecimal amountOf(CurLineItem item) {
        return switch (this) {
            case AMORTIZED_COST, BLENDED_COST, UNBLENDED_COST -> item.unblendedCost();
            case NET_AMORTIZED_COST, NET_UNBLENDED_COST -> item.netUnblendedCost();
            case USAGE_QUANTITY -> BigDecimal.valueOf(item.usageAmount());
            case NORMALIZED_USAGE_AMOUNT -> BigDecimal.ZERO;
        };
    }

    boolean isCost() {
        return this != USAGE_QUANTITY && this != NORMALIZED_USAGE_AMOUNT;
    }

    /** Metric names match case-insensitively, as Cost Explorer accepts them; answers echo the name as asked. */
    static CostMetric parse(String name) {
        for (CostMetric m : values()) {
            if (m.apiName.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw AwsJsonError.validation("Metric " + name + " is invalid. Valid values are "
                + Arrays.stream(values()).map(m -> m.apiName).collect(Collectors.joining(", ")));
    }
}
