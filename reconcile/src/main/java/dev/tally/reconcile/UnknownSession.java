package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A principal the bill charged that the ledger does not know: traffic that bypassed the gateway (the same role
 * assumed directly), or another tool. Always listed, whatever {@code --by} says.
 *
 * @param user from the gateway's session-name template when the name has its shape, else the bill's user (User tag,
 *     IAM user name, session name)
 */
public record UnknownSession(
        String session,
        String arn,
        String user,
        BigDecimal billedCost,
        long billedTokens,
        LocalDate firstDay,
        LocalDate lastDay) {
    public UnknownSession {
        requireNonNull(session, "session is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(user, "user is null");
        requireNonNull(billedCost, "billedCost is null");
        requireNonNull(firstDay, "firstDay is null");
        requireNonNull(lastDay, "lastDay is null");
    }
}
