package dev.tally.account.export;

import static java.util.Objects.requireNonNull;

/**
 * One Data Export as {@code tally doctor} and {@code tally export} describe it.
 *
 * @param cur2 the export queries the CUR 2.0 table ({@code COST_AND_USAGE_REPORT})
 * @param iamPrincipalData its table configuration has {@code INCLUDE_IAM_PRINCIPAL_DATA=TRUE}
 */
public record ExportSummary(
        String name, String arn, boolean cur2, boolean iamPrincipalData, String destination, String status) {
    public ExportSummary {
        requireNonNull(name, "name is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(status, "status is null");
    }

    public boolean attributesBedrockCost() {
        return cur2 && iamPrincipalData;
    }
}
