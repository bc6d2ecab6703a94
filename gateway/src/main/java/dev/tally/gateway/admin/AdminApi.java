package dev.tally.gateway.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.gateway.BedrockFault;
import dev.tally.gateway.Json;
import dev.tally.gateway.server.Caller;
import dev.tally.ledger.ApiKey;
import dev.tally.ledger.BudgetStatus;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.NewKey;
import dev.tally.ledger.PerMinute;
import dev.tally.ledger.Scope;
import dev.tally.report.query.Condition;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.ReportRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /tally/v1/...}: the admin API (behind the admin token) and {@code /me} (behind the caller's own key or
 * identity token). Answers JSON; errors are {@code {"message": ...}} with 400, 401, 404 or 405, and never quote a
 * presented secret. A function of the request, so the server writes its answer in one place.
 *
 * <ul>
 *   <li>{@code GET /tally/v1/spend?by=&from=&to=&where=}: {@code tally report --format json} over the ledger
 *   <li>{@code GET /tally/v1/keys}, {@code POST /tally/v1/keys} ({@code {"user", "tags", "expires", "requests_per_minute",
 *       "tokens_per_minute"}}, the rates stored as the limits of scope key:ID; the answer
 *       holds the new key, the only time it is shown), {@code DELETE /tally/v1/keys/ID} (revokes)
 *   <li>{@code GET|POST /tally/v1/budgets}, {@code DELETE /tally/v1/budgets/ID}; {@code GET|POST /tally/v1/limits},
 *       {@code DELETE /tally/v1/limits/ID}: as {@code tally budget} and {@code tally limits} ({@link GovernRequests})
 *   <li>{@code GET /tally/v1/me}: the caller's own spend this month (UTC) by model
 * </ul>
 */
public final class AdminApi {
    public static final String PREFIX = "/tally/v1/";

    /** What the server sends back. */
    public record Answer(int status, String json) {
        public Answer {
            requireNonNull(json, "json is null");
        }

        static Answer error(int status, String message) {
            return new Answer(
                    status,
                    Json.mapper().createObjectNode().put("message", message).toString());
        }
    }

    private final Optional<AdminToken> token;
    private final Optional<Ledger> store;
    private final SpendReports spend;
    private final Function<String, Caller> callers;
    private final InstantSource clock;
    private final Runnable written;

    /**
     * @param token empty disables the admin endpoints (401 with a message saying how to enable them)
     * @param store the ledger whose keys, budgets and limits are managed; empty (an in-memory key source) answers 404
     * @param callers authenticates {@code /me}'s {@code Authorization} header as the request path does
     * @param written run after every write that succeeded, before its answer is sent: this replica's governor and
     *     key cache take the change at once, so a client that reads its answer never races the next poll
     */
    public AdminApi(
            Optional<AdminToken> token,
            Optional<Ledger> store,
            SpendReports spend,
            Function<String, Caller> callers,
            InstantSource clock,
            Runnable written) {
        this.token = requireNonNull(token, "token is null");
        this.store = requireNonNull(store, "store is null");
        this.spend = requireNonNull(spend, "spend is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.written = requireNonNull(written, "written is null");
    }

    public Answer answer(
            String method, String path, Map<String, List<String>> query, String authorization, byte[] body) {
        Answer answer = route(method, path, query, authorization, body);
        if (!method.equals("GET") && answer.status() < 300) {
            written.run();
        }
        return answer;
    }

    private Answer route(
            String method, String path, Map<String, List<String>> query, String authorization, byte[] body) {
        String rest = path.substring(PREFIX.length());
        try {
            if (rest.equals("me")) {
                return method.equals("GET") ? me(authorization, query) : notAllowed(method, path);
            }
            if (token.isEmpty()) {
                return Answer.error(
                        401,
                        "The admin API is off: start the gateway with TALLY_ADMIN_TOKEN set or --admin-token-file.");
            }
            if (!token.get().admits(authorization)) {
                return Answer.error(401, "Send the admin token as 'Authorization: Bearer <token>'.");
            }
            return switch (rest) {
                case "spend" ->
                    method.equals("GET")
                            ? new Answer(200, spend.json(SpendReports.request(query)))
                            : notAllowed(method, path);
                case "keys" ->
                    switch (method) {
                        case "GET" -> new Answer(200, KeysJson.of(store().keys().list()));
                        case "POST" -> create(body);
                        default -> notAllowed(method, path);
                    };
                case "budgets" ->
                    switch (method) {
                        case "GET" ->
                            new Answer(200, GovernJson.budgets(store().budgets().status(clock.instant())));
                        case "POST" -> GovernRequests.setBudget(store(), body, clock.instant());
                        default -> notAllowed(method, path);
                    };
                case "limits" ->
                    switch (method) {
                        case "GET" ->
                            new Answer(200, GovernJson.limits(store().limits().list()));
                        case "POST" -> GovernRequests.setLimit(store(), body);
                        default -> notAllowed(method, path);
                    };
                default -> {
                    if (rest.startsWith("keys/") && rest.length() > 5) {
                        yield method.equals("DELETE") ? revoke(rest.substring(5)) : notAllowed(method, path);
                    }
                    if (rest.startsWith("budgets/") && rest.length() > 8) {
                        yield method.equals("DELETE")
                                ? GovernRequests.removeBudget(store(), rest.substring(8))
                                : notAllowed(method, path);
                    }
                    if (rest.startsWith("limits/") && rest.length() > 7) {
                        yield method.equals("DELETE")
                                ? GovernRequests.removeLimit(store(), rest.substring(7))
                                : notAllowed(method, path);
                    }
                    yield Answer.error(404, "No such admin resource: " + path);
                }
            };
        } catch (TallyException e) {
            return Answer.error(e.kind() == ErrorKind.USAGE ? 400 : 500, e.getMessage());
        } catch (NoKeyStore e) {
            return Answer.error(404, "This gateway's keys are not in a ledger; there is nothing to manage.");
        } catch (IllegalArgumentException e) {
            // A value record's own check (a limit below 1, a malformed scope): the client's mistake.
            return Answer.error(400, OneLine.of(e.getMessage()));
        }
    }

    private Answer me(String authorization, Map<String, List<String>> query) {
        Caller caller;
        try {
            caller = callers.apply(authorization);
        } catch (BedrockFault f) {
            return Answer.error(401, "Send your own gateway key (or identity token) as 'Authorization: Bearer ...'.");
        }
        String user = caller.identity().tagMap().getOrDefault("User", caller.user());
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = today.withDayOfMonth(1);
        LocalDate to = from.plusMonths(1);
        ReportRequest request = ReportRequest.of(List.of())
                .withBy(List.of(Dimension.parse("model")))
                .withRange(Optional.of(from), Optional.of(to))
                .withWhere(List.of(new Condition(Dimension.parse("user"), user)));
        if (!query.isEmpty()) {
            return Answer.error(400, "/tally/v1/me takes no parameters (it reports this month, UTC)");
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("user", user);
        answer.put("key", caller.keyId());
        answer.put("from", from.toString());
        answer.put("to", to.toString());
        try {
            answer.set("spend", Json.mapper().readTree(spend.json(request)));
        } catch (IOException e) {
            throw new IllegalStateException("the report renderer wrote JSON Jackson cannot read", e);
        }
        // The budgets this caller's requests count against (the scopes the governor checks), in the listing's shape.
        var budgets = answer.putArray("budgets");
        if (store.isPresent()) {
            List<Scope> mine = scopesOf(caller, user);
            for (BudgetStatus status : store.get().budgets().status(clock.instant())) {
                if (mine.contains(status.budget().scope())) {
                    budgets.add(readTree(GovernJson.budget(status)));
                }
            }
        }
        return new Answer(200, answer.toPrettyString());
    }

    /** Key, user, and the team, tenant and project its tags name: the scopes a request is governed under. */
    private static List<Scope> scopesOf(Caller caller, String user) {
        List<Scope> scopes = new ArrayList<>();
        scopes.add(Scope.of(Scope.Kind.KEY, caller.keyId()));
        scopes.add(Scope.of(Scope.Kind.USER, user));
        Map<String, String> tags = caller.identity().tagMap();
        Map<Scope.Kind, String> byTag =
                Map.of(Scope.Kind.TEAM, "Team", Scope.Kind.TENANT, "Tenant", Scope.Kind.PROJECT, "Project");
        byTag.forEach((kind, tag) -> {
            String v = tags.get(tag);
            if (v != null && !v.isBlank()) {
                scopes.add(Scope.of(kind, v));
            }
        });
        return scopes;
    }

    private Answer create(byte[] body) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            return Answer.error(400, "Expected a JSON object {\"user\": ..., \"tags\": {...}, \"expires\": ...}.");
        }
        if (json == null || !json.isObject() || !json.path("user").isTextual()) {
            return Answer.error(400, "Expected a JSON object with a \"user\" string.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode t = json.path("tags");
        if (!t.isMissingNode() && !t.isObject()) {
            return Answer.error(400, "\"tags\" must be an object of strings.");
        }
        List<String> bad = new ArrayList<>();
        t.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                tags.put(e.getKey(), e.getValue().asText());
            } else {
                bad.add(e.getKey());
            }
        });
        if (!bad.isEmpty()) {
            return Answer.error(400, "\"tags\" must be an object of strings; not a string: " + bad);
        }
        // Checked before the key exists, so a bad rate creates nothing.
        PerMinute rates = GovernRequests.rates(json);
        NewKey created;
        if (json.hasNonNull("expires")) {
            Instant expires;
            try {
                expires = Instant.parse(json.path("expires").asText());
            } catch (DateTimeParseException e) {
                return Answer.error(400, "\"expires\" must be an instant such as 2027-06-30T00:00:00Z.");
            }
            if (!expires.isAfter(clock.instant())) {
                return Answer.error(400, "\"expires\" is in the past.");
            }
            created = store().keys().create(json.path("user").asText(), tags, expires);
        } else {
            created = store().keys().create(json.path("user").asText(), tags);
        }
        if (!rates.isEmpty()) {
            // The key's own limits are the limits of scope key:ID, as POST /tally/v1/limits would set them.
            store().limits().set(Scope.of(Scope.Kind.KEY, created.apiKey().id()), rates, List.of());
        }
        ObjectNode answer = (ObjectNode) readTree(KeysJson.of(created.apiKey()));
        answer.put("key", created.key());
        return new Answer(201, answer.toPrettyString());
    }

    private Answer revoke(String id) {
        if (store().keys().list().stream().map(ApiKey::id).noneMatch(id::equals)) {
            return Answer.error(404, "No key " + id + " (see GET /tally/v1/keys).");
        }
        return new Answer(200, KeysJson.of(store().keys().revoke(id)));
    }

    private Ledger store() {
        return store.orElseThrow(NoKeyStore::new);
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("KeysJson wrote JSON Jackson cannot read", e);
        }
    }

    private static Answer notAllowed(String method, String path) {
        return Answer.error(405, method + " is not allowed on " + path + ".");
    }

    private static final class NoKeyStore extends RuntimeException {
        NoKeyStore() {
            super(null, null, false, false);
        }
    }
}
