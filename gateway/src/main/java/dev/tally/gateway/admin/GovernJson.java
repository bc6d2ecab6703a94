package dev.tally.gateway.admin;

import dev.tally.core.io.JsonWriter;
import dev.tally.ledger.Budget;
import dev.tally.ledger.BudgetStatus;
import dev.tally.ledger.UsageLimit;
import java.util.List;

/**
 * Budgets (with their state in the current period) and limits as JSON: the one shape {@code tally budget list
 * --format json}, {@code tally limits list --format json} and the admin API all print.
 */
public final class GovernJson {
    private GovernJson() {}

    public static String budgets(List<BudgetStatus> statuses) {
        JsonWriter w = JsonWriter.pretty().beginArray();
        statuses.forEach(s -> budget(w, s));
        return w.endArray().toString();
    }

    public static String budget(BudgetStatus status) {
        JsonWriter w = JsonWriter.pretty();
        budget(w, status);
        return w.toString();
    }

    public static String limits(List<UsageLimit> limits) {
        JsonWriter w = JsonWriter.pretty().beginArray();
        limits.forEach(l -> limit(w, l));
        return w.endArray().toString();
    }

    public static String limit(UsageLimit limit) {
        JsonWriter w = JsonWriter.pretty();
        limit(w, limit);
        return w.toString();
    }

    private static void budget(JsonWriter w, BudgetStatus s) {
        Budget b = s.budget();
        w.beginObject()
                .name("id")
                .value(b.id())
                .name("scope")
                .value(b.scope().toString())
                .name("period")
                .value(b.period().label())
                .name("kind")
                .value(b.soft() ? "soft" : "hard")
                .name("limit")
                .value(b.limit())
                .name("spent")
                .value(s.spent())
                .name("reserved")
                .value(s.reserved())
                .name("remaining")
                .value(s.remaining())
                .name("period_start")
                .value(s.periodStart().toString())
                .name("resets")
                .value(s.periodEnd().toString())
                .endObject();
    }

    private static void limit(JsonWriter w, UsageLimit l) {
        w.beginObject().name("id").value(l.id()).name("scope").value(l.scope().toString());
        if (l.requestsPerMinute().isPresent()) {
            w.name("requests_per_minute").value(l.requestsPerMinute().getAsLong());
        }
        if (l.tokensPerMinute().isPresent()) {
            w.name("tokens_per_minute").value(l.tokensPerMinute().getAsLong());
        }
        w.name("models").beginArray();
        l.models().forEach(w::value);
        w.endArray().endObject();
    }
}
