package dev.tally.account.ce;

import dev.tally.report.query.Dimension;
import java.util.Optional;

/**
 * The Cost Explorer GroupBy dimension for a report dimension: service is {@code SERVICE}, region
 * {@code REGION}, usage-type {@code USAGE_TYPE}, operation {@code OPERATION}, account
 * {@code LINKED_ACCOUNT}. Tags group by TAG with the key AWS uses, discovered separately. Principal, user,
 * model and the other report dimensions have no Cost Explorer counterpart (there is no IAM principal
 * dimension, aws-facts.md section 7).
 */
final class CeGrouping {
    private CeGrouping() {}

    static Optional<String> of(Dimension d) {
        return Optional.ofNullable(
                switch (d.kind()) {
                    case SERVICE -> "SERVICE";
                    case REGION -> "REGION";
                    case USAGE_TYPE -> "USAGE_TYPE";
                    case OPERATION -> "OPERATION";
                    case ACCOUNT -> "LINKED_ACCOUNT";
                    case TAG -> "TAG";
                    default -> null;
                });
    }
}
