package dev.tally.emulator.costexplorer;

import dev.tally.cur.CurLineItem;
import dev.tally.emulator.http.AwsJsonError;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Cost Explorer dimensions the emulator answers, each read from the CUR 2.0 line item column AWS
 * derives it from: {@code SERVICE} is the product name ("Amazon Bedrock", or a Marketplace product such as
 * "Claude 3.5 Sonnet (Amazon Bedrock Edition)"), {@code LINKED_ACCOUNT} the usage account.
 */
enum CostDimension {
    SERVICE(CurLineItem::productName),
    SERVICE_CODE(CurLineItem::productCode),
    REGION(CurLineItem::regionCode),
    USAGE_TYPE(CurLineItem::usageType),
    OPERATION(CurLineItem::operation),
    LINKED_ACCOUNT(CurLineItem::usageAccountId),
    PAYER_ACCOUNT(CurLineItem::payerAccountId),
    RECORD_TYPE(CurLineItem::lineItemType),
    BILLING_ENTITY(CurLineItem::billingEntity),
    RESOURCE_ID(CurLineItem::resourceId);

    /** Every dimension name AWS's API model knows (botocore ce 2017-10-25, enum Dimension). */
    private static final List<String> AWS_DIMENSIONS = List.of(
            "AZ",
            "INSTANCE_TYPE",
            "LINKED_ACCOUNT",
            "PAYER_ACCOUNT",
            "LINKED_ACCOUNT_NAME",
            "OPERATION",
            "PURCHASE_TYPE",
            "REGION",
            "SERVICE",
            "SERVICE_CODE",
            "USAGE_TYPE",
            "USAGE_TYPE_GROUP",
            "RECORD_TYPE",
            "OPERATING_SYSTEM",
            "TENANCY",
            "SCOPE",
            "PLATFORM",
            "SUBSCRIPTION_ID",
            "LEGAL_ENTITY_NAME",
            "DEPLOYMENT_OPTION",
            "DATABASE_ENGINE",
            "CACHE_ENGINE",
            "INSTANCE_TYPE_FAMILY",
            "BILLING_ENTITY",
            "RESERVATION_ID",
            "RESOURCE_ID",
            "RIGHTSIZING_TYPE",
            "SAVINGS_PLANS_TYPE",
            "SAVINGS_PLAN_ARN",
            "PAYMENT_OPTION",
            "AGREEMENT_END_DATE_TIME_AFTER",
            "AGREEMENT_END_DATE_TIME_BEFORE",
            "INVOICING_ENTITY",
            "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            "ANOMALY_TOTAL_IMPACT_PERCENTAGE");

    // Each column is a method reference to a record accessor: stateless, though Function is not known to be.
    @SuppressWarnings("ImmutableEnumChecker")
    private final Function<CurLineItem, String> column;

    CostDimension(Function<CurLineItem, String> column) {
        this.column = column;
    }

    String valueOf(CurLineItem item) {
        return column.apply(item);
    }

    /** A dimension by its API name; an unknown name and a known one the emulator lacks are both refused. */
    static CostDimension parse(String name, String where) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (CostDimension d : values()) {
            if (d.name().equals(wanted)) {
                return d;
            }
        }
        if (AWS_DIMENSIONS.contains(wanted)) {
            throw AwsJsonError.validation(
                    where + " dimension " + name + " is not supported by the emulator; supported: " + supported());
        }
        throw AwsJsonError.validation(
                where + " dimension " + name + " is invalid. Valid values are " + String.join(", ", AWS_DIMENSIONS));
    }

    static String supported() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
