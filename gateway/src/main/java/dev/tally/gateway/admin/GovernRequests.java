package dev.tally.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.error.TallyException;
import dev.tally.gateway.Json;
import dev.tally.ledger.Budget;
import dev.tally.ledger.BudgetPeriod;
import dev.tally.ledger.BudgetStatus;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.PerMinute;
import dev.tally.ledger.Scope;
import dev.tally.ledger.UsageLimit;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API's budgets and limits: the request bodies {@code tally budget set --gateway} and {@code tally limits
 * set --gateway} send, checked by the same rules the store applies for the CLI ({@link Scope#parse},
 * {@link BudgetPeriod#parse}, the store's own limits), answered in {@link GovernJson}'s shapes.
 *
 * <pre>
 * POST /tally/v1/budgets {"scope": "team:search", "limit": "500", "period": "monthly",
 *                         "soft": false, "thresholds": ["50", "80", "100"], "webhook": "https://..."}
 * POST /tally/v1/limits  {"scope": "user:alice", "requests_per_minute": 60, "tokens_per_minute": 100000,
 *                         "models": ["anthropic.claude-*"]}
 * </pre>
 */
final class GovernRequests {
    private static final List<BigDecimal> DEFAULT_THRESHOLDS = List.of(new BigDecimal("80"), new BigDecimal("100"));

    private GovernRequests() {}

    static AdminApi.Answer setBudget(Ledger store, byte[] body, Instant now) {
        JsonNode json = object(body);
        Scope scope = Scope.parse(text(json, "scope"));
        BigDecimal limit = decimal(json.path("limit"), "limit");
        BudgetPeriod period = BudgetPeriod.parse(text(json, "period"));
        List<BigDecimal> thresholds = new ArrayList<>();
        json.path("thresholds").forEach(t -> thresholds.add(decimal(t, "thresholds")));
        boolean soft = json.path("soft").asBoolean(false);
        List<BigDecimal> alertAt = thresholds.isEmpty() ? DEFAULT_THRESHOLDS : thresholds;
        Budget b = json.hasNonNull("webhook")
                ? store.budgets()
                        .set(
                                scope,
                                limit,
                                period,
                                soft,
                                alertAt,
                                webhook(json.path("webhook").asText()))
                : store.budgets().set(scope, limit, period, soft, alertAt);
        BudgetStatus status = store.budgets().status(now).stream()
                .filter(s -> s.budget().id().equals(b.id()))
                .findFirst()
                .orElseThrow();
        return new AdminApi.Answer(201, GovernJson.budget(status));
    }

    static AdminApi.Answer removeBudget(Ledger store, String id) {
        if (store.budgets().list().stream().map(Budget::id).noneMatch(id::equals)) {
            return AdminApi.Answer.error(404, "No budget " + id + " (see GET /tally/v1/budgets).");
        }
        Budget b = store.budgets().remove(id);
        return new AdminApi.Answer(
                200,
                Json.mapper()
                        .createObjectNode()
                        .put("id", b.id())
                        .put("scope", b.scope().toString())
                        .put("period", b.period().label())
                        .toPrettyString());
    }

    static AdminApi.Answer setLimit(Ledger store, byte[] body) {
        JsonNode json = object(body);
        Scope scope = Scope.parse(text(json, "scope"));
        List<String> models = new ArrayList<>();
        json.path("models").forEach(m -> models.add(m.asText().strip()));
        UsageLimit limit = store.limits().set(scope, rates(json), models);
        return new AdminApi.Answer(201, GovernJson.limit(limit));
    }

    static AdminApi.Answer removeLimit(Ledger store, String id) {
        if (store.limits().list().stream().map(UsageLimit::id).noneMatch(id::equals)) {
            return AdminApi.Answer.error(404, "No limits " + id + " (see GET /tally/v1/limits).");
        }
        return new AdminApi.Answer(200, GovernJson.limit(store.limits().remove(id)));
    }

    private static JsonNode object(byte[] body) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw TallyException.usage("expected a JSON object");
        }
        if (json == null || !json.isObject()) {
            throw TallyException.usage("expected a JSON object");
        }
        return json;
    }

    private static String text(JsonNode json, String name) {
        if (!json.path(name).isTextual()) {
            throw TallyException.usage("\"" + name + "\" is required (a string)");
        }
        return json.path(name).asText();
    }

    private static BigDecimal decimal(JsonNode n, String name) {
        try {
            if (n.isNumber() || n.isTextual()) {
                return new BigDecimal(n.asText().strip());
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw TallyException.usage("\"" + name + "\" must be a decimal number such as 250 or 99.50");
    }

    /** The body's {@code requests_per_minute} and {@code tokens_per_minute}, either or both. */
    static PerMinute rates(JsonNode json) {
        PerMinute rates = PerMinute.NONE;
        if (json.hasNonNull("requests_per_minute")) {
            rates = rates.withRequests(perMinute(json, "requests_per_minute"));
        }
        if (json.hasNonNull("tokens_per_minute")) {
            rates = rates.withTokens(perMinute(json, "tokens_per_minute"));
        }
        return rates;
    }

    private static long perMinute(JsonNode json, String name) {
        JsonNode n = json.path(name);
        if (!n.canConvertToLong() || n.asLong() < 1) {
            throw TallyException.usage("\"" + name + "\" must be a whole number of at least 1");
        }
        return n.asLong();
    }

    private static URI webhook(String text) {
        try {
            URI u = new URI(text.strip());
            if (u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                return u;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw TallyException.usage("\"webhook\" must be an http:// or https:// URL");
    }
}
