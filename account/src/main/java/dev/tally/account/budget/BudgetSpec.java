package dev.tally.account.budget;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A cost budget on one tag, with e-mail alerts when actual spend crosses percentages of the limit.
 *
 * <p>AWS Budgets' rules (CreateBudget API reference): a name of 1 to 100 characters without ':' or '\'; a
 * limit amount of digits with an optional decimal point, in USD; at most 10 notifications per budget; one
 * notification's e-mail subscribers at most 10. Tally adds that a threshold is a percentage above 0 and at
 * most 1000 (ten times the limit: anything beyond is a typo) and that thresholds need an address to go to,
 * since Budgets refuses a notification without subscribers.
 */
public record BudgetSpec(
        String name,
        BigDecimal limit,
        BudgetPeriod period,
        BudgetTagFilter tag,
        List<String> emails,
        List<BigDecimal> thresholds) {

    public static final int MAX_NOTIFICATIONS = 10;
    public static final int MAX_EMAILS = 10;
    public static final List<BigDecimal> DEFAULT_THRESHOLDS = List.of(new BigDecimal("80"), new BigDecimal("100"));
    private static final Pattern NAME = Pattern.compile("[^:\\\\]{1,100}");
    private static final Pattern AMOUNT = Pattern.compile("([0-9]*\\.)?[0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
    private static final BigDecimal MAX_THRESHOLD = new BigDecimal("1000");

    public BudgetSpec {
        requireNonNull(period, "period is null");
        requireNonNull(tag, "tag is null");
        if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
            throw TallyException.usage("budget name '" + name + "' must be 1 to 100 characters without ':' or '\\'");
        }
        requireNonNull(limit, "limit is null");
        if (limit.signum() <= 0) {
            throw TallyException.usage("limit " + limit.toPlainString() + " must be more than 0 USD");
        }
        emails = List.copyOf(emails);
        thresholds = List.copyOf(thresholds);
        for (String email : emails) {
            if (!EMAIL.matcher(email).matches()) {
                throw TallyException.usage(
                        "e-mail address '" + email + "' is not an address (expected name@example.com)");
            }
        }
        if (emails.size() > MAX_EMAILS) {
            throw TallyException.usage(
                    emails.size() + " e-mail addresses: AWS Budgets takes at most " + MAX_EMAILS + " per notification");
        }
        if (new HashSet<>(emails).size() != emails.size()) {
            throw TallyException.usage("an e-mail address is given twice: " + emails);
        }
        if (!thresholds.isEmpty() && emails.isEmpty()) {
            throw TallyException.usage(
                    "thresholds need at least one e-mail address: AWS Budgets refuses a notification without subscribers");
        }
        for (BigDecimal t : thresholds) {
            if (t.signum() <= 0 || t.compareTo(MAX_THRESHOLD) > 0) {
                throw TallyException.usage("threshold " + t.toPlainString()
                        + "% is out of range (more than 0, at most 1000 percent of the limit)");
            }
        }
        if (thresholds.stream().map(BigDecimal::stripTrailingZeros).distinct().count() != thresholds.size()) {
            throw TallyException.usage("a threshold is given twice: " + thresholds);
        }
        if (thresholds.size() > MAX_NOTIFICATIONS) {
            throw TallyException.usage(thresholds.size() + " thresholds: AWS Budgets takes at most " + MAX_NOTIFICATIONS
                    + " notifications per budget");
        }
    }

    /** A limit in USD as Budgets takes it: digits with an optional decimal point, more than 0. */
    public static BigDecimal parseLimit(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("$")) {
            s = s.substring(1);
        }
        if (!AMOUNT.matcher(s).matches()) {
            throw TallyException.usage("limit '" + text
                    + "' is not an amount in USD (expected digits with an optional decimal point, e.g. 250 or 99.50)");
        }
        return new BigDecimal(s);
    }

    /** Comma-separated percentages: {@code 80,100}. */
    public static List<BigDecimal> parseThresholds(String text) {
        List<BigDecimal> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",", -1)) {
            String p = part.strip();
            if (p.endsWith("%")) {
                p = p.substring(0, p.length() - 1).strip();
            }
            if (!AMOUNT.matcher(p).matches()) {
                throw TallyException.usage("threshold '" + part.strip() + "' in '" + text
                        + "' is not a percentage (expected e.g. 80,100)");
            }
            out.add(new BigDecimal(p));
        }
        return out;
    }
}
