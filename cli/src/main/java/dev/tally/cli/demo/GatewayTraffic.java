package dev.tally.cli.demo;

import dev.tally.core.error.TallyException;
import dev.tally.core.io.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plays the organisation's gateway users: each has a key (made through the ledger's key store, as {@code tally keys
 * create} does) and calls Bedrock at the gateway over HTTP with {@code Authorization: Bearer <key>}, as Claude Code
 * or an SDK with {@code AWS_BEARER_TOKEN_BEDROCK} would. Converse, and InvokeModel with a cached system prompt (the
 * support assistant's instructions), so the bill and the ledger both carry cache writes and reads. Seeded.
 */
final class GatewayTraffic {
    private static final String SYSTEM_PROMPT = "You are the support assistant of a payments company. Answer the"
            + " customer's question from the ticket in three sentences, politely, and never promise refunds.";

    private final LocalGateway gateway;
    private final Random random;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<Organisation.GatewayUser, String> keys = new LinkedHashMap<>();
    private int calls;

    GatewayTraffic(LocalGateway gateway, long seed) {
        this.gateway = gateway;
        this.random = new Random(seed);
    }

    /** Runs the same {@code days} days as the laptop users; weekends are quiet here too. */
    void run(Organisation org, LocalDate firstDay, int days) {
        for (Organisation.GatewayUser user : org.gatewayUsers()) {
            keys.put(user, gateway.keyFor(user.name(), Map.of("team", user.team(), "Project", user.project())));
        }
        try (http) {
            for (int d = 0; d < days; d++) {
                LocalDate day = firstDay.plusDays(d);
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                for (Map.Entry<Organisation.GatewayUser, String> e : keys.entrySet()) {
                    int n = weekend
                            ? (random.nextInt(4) == 0 ? 1 : 0)
                            : 1 + random.nextInt((int) Math.ceil(4 * e.getKey().intensity()));
                    for (int i = 0; i < n; i++) {
                        call(e.getValue(), org.models(), day, i);
                    }
                }
            }
        }
    }

    int calls() {
        return calls;
    }

    int users() {
        return keys.size();
    }

    private void call(String key, List<String> models, LocalDate day, int i) {
        gateway.at(day.atTime(8 + random.nextInt(10), random.nextInt(60), random.nextInt(60))
                .toInstant(ZoneOffset.UTC));
        String model = models.get(random.nextInt(models.size()));
        String ticket = ticket(2_000 + random.nextInt(8_000));
        int maxTokens = 200 + random.nextInt(800);
        String path;
        String body;
        if (i % 2 == 1) {
            path = "/model/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/invoke";
            body = AnthropicBody.withCachedSystem(maxTokens, SYSTEM_PROMPT, ticket);
        } else {
            path = "/model/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/converse";
            body = JsonWriter.compact()
                    .beginObject()
                    .name("messages")
                    .beginArray()
                    .beginObject()
                    .name("role")
                    .value("user")
                    .name("content")
                    .beginArray()
                    .beginObject()
                    .name("text")
                    .value(ticket)
                    .endObject()
                    .endArray()
                    .endObject()
                    .endArray()
                    .name("inferenceConfig")
                    .beginObject()
                    .name("maxTokens")
                    .value(maxTokens)
                    .endObject()
                    .endObject()
                    .toString();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw TallyException.failure("the demo's gateway did not answer " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TallyException.failure("interrupted while calling the demo's gateway", e);
        }
        if (response.statusCode() != 200) {
            // The body is Bedrock's error shape from the gateway or the emulator: no key in it.
            throw TallyException.failure(
                    "the demo's gateway answered " + path + " with HTTP " + response.statusCode() + ": "
                            + response.body().lines().findFirst().orElse(""),
                    null);
        }
        calls++;
    }

    private String ticket(int chars) {
        String[] words = {
            "my", "card", "was", "charged", "twice", "for", "order", "please", "refund", "the", "second", "payment",
            "why", "is", "my", "invoice", "late", "export", "failed", "again", "customer", "asks", "about", "limits"
        };
        StringBuilder b = new StringBuilder("Ticket: ");
        while (b.length() < chars) {
            b.append(words[random.nextInt(words.length)]).append(' ');
        }
        return b.toString().strip();
    }
}
