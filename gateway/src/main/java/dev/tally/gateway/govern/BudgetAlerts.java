package dev.tally.gateway.govern;

import static java.util.Objects.requireNonNull;

import dev.tally.core.io.JsonWriter;
import dev.tally.ledger.Budget;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends budget alerts: a log line at once, and a JSON POST to the budget's webhook on a virtual thread of its own,
 * retried with exponential backoff (1 s, 2 s, 4 s, 8 s) on failures and non-2xx answers. Nothing here runs on a
 * request's path.
 */
final class BudgetAlerts implements AutoCloseable {
    static final int ATTEMPTS = 5;

    private final PrintStream log;
    private final HttpClient http;
    private final Duration firstBackoff;

    BudgetAlerts(PrintStream log, Duration firstBackoff) {
        this.log = requireNonNull(log, "log is null");
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    void alert(
            Budget budget,
            BigDecimal threshold,
            BigDecimal spent,
            Instant periodStart,
            Instant resets,
            String currency) {
        String body = JsonWriter.compact()
                .beginObject()
                .name("type")
                .value("tally.budget.threshold")
                .name("budget")
                .value(budget.id())
                .name("scope")
                .value(budget.scope().toString())
                .name("period")
                .value(budget.period().label())
                .name("period_start")
                .value(periodStart.toString())
                .name("resets")
                .value(resets.toString())
                .name("threshold_percent")
                .value(threshold)
                .name("limit")
                .value(budget.limit())
                .name("spent")
                .value(spent)
                .name("currency")
                .value(currency)
                .name("kind")
                .value(budget.soft() ? "soft" : "hard")
                .endObject()
                .toString();
        log.println("tally gateway: budget " + budget.id() + " (" + budget.scope() + ", "
                + budget.period().label()
                + ") passed " + threshold.toPlainString() + "% of "
                + budget.limit().toPlainString() + " " + currency
                + ": spent " + spent.toPlainString() + " since " + periodStart);
        budget.webhook()
                .ifPresent(url -> Thread.ofVirtual().name("tally-budget-alert").start(() -> post(url, body)));
    }

    private void post(URI url, String body) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String failure;
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(10))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                failure = "HTTP " + r.statusCode();
            } catch (java.io.IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == ATTEMPTS) {
                // The URL's host only: a webhook URL's path or query may hold a token.
                log.println("tally gateway: budget alert to " + url.getHost() + " failed after " + ATTEMPTS
                        + " attempts (" + failure + ")");
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
