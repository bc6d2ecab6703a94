package dev.tally.cli.govern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.account.budget.BudgetSpec;
import dev.tally.cli.gateway.Columns;
import dev.tally.cli.keys.ListFormat;
import dev.tally.cli.keys.StoreOptions;
import dev.tally.core.error.TallyException;
import dev.tally.core.io.JsonWriter;
import dev.tally.gateway.admin.GovernJson;
import dev.tally.ledger.Budget;
import dev.tally.ledger.BudgetPeriod;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Scope;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally budget set|list|rm}: the gateway's own budgets, in its ledger (beside {@code tally budget aws}). */
public final class GatewayBudgetCommands {
    private GatewayBudgetCommands() {}

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Sets the gateway's budget for a scope and period (replacing the one there, whose spend so far still"
                        + " counts).",
                "A hard budget refuses a request it cannot cover (ServiceQuotaExceededException, before Bedrock is"
                        + " called); a --soft one only alerts."
            },
            footer = {
                "",
                "Example:",
                "  tally budget set --scope team:search --limit 500 --period monthly \\",
                "      --threshold 50,80,100 --webhook https://hooks.example.com/tally"
            })
    public static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Option(
                names = "--scope",
                required = true,
                paramLabel = "KIND:NAME",
                description = "user:U, team:T, tenant:X, project:P or key:ID (team, tenant and project are key tags).")
        String scope;

        @Option(
                names = "--limit",
                required = true,
                paramLabel = "AMOUNT",
                description = "In the price catalog's currency (USD), e.g. 250 or 99.50.")
        String limit;

        @Option(
                names = "--period",
                required = true,
                paramLabel = "PERIOD",
                description = "daily, weekly or monthly (day, week, month); periods start at midnight UTC, weeks on"
                        + " Monday.")
        String period;

        @Option(names = "--soft", description = "Alert only; never refuse.")
        boolean soft;

        @Option(
                names = "--threshold",
                paramLabel = "PCT[,PCT...]",
                description = "Alert once per period when spend passes each percentage (default: 80,100).")
        @Nullable
        String thresholds;

        @Option(
                names = "--webhook",
                paramLabel = "URL",
                description = "POST each alert as JSON here (alerts are logged by the gateway either way).")
        @Nullable
        String webhook;

        @Override
        public Integer call() {
            Scope s = Scope.parse(scope);
            BigDecimal amount = BudgetSpec.parseLimit(limit);
            BudgetPeriod p = BudgetPeriod.parse(period);
            List<BigDecimal> pct =
                    thresholds == null ? BudgetSpec.DEFAULT_THRESHOLDS : BudgetSpec.parseThresholds(thresholds);
            Optional<URI> hook = webhook == null ? Optional.empty() : Optional.of(webhookUrl(webhook));
            if (ledger.throughGateway()) {
                JsonWriter body = JsonWriter.compact()
                        .beginObject()
                        .name("scope")
                        .value(s.toString())
                        .name("limit")
                        .value(amount.toPlainString())
                        .name("period")
                        .value(p.label())
                        .name("soft")
                        .value(Boolean.toString(soft));
                body.name("thresholds").beginArray();
                pct.forEach(t -> body.value(t.toPlainString()));
                body.endArray();
                hook.ifPresent(u -> body.name("webhook").value(u.toString()));
                JsonNode b = ledger.admin()
                        .post("/tally/v1/budgets", body.endObject().toString());
                spec.commandLine().getOut().println(b.path("id").asText());
                spec.commandLine().getOut().flush();
                spec.commandLine()
                        .getErr()
                        .println("tally: budget " + b.path("id").asText() + ": "
                                + b.path("scope").asText() + " "
                                + b.path("limit").asText() + " "
                                + b.path("period").asText() + " ("
                                + b.path("kind").asText() + "), through the gateway at " + ledger.gatewayUrl());
                spec.commandLine().getErr().flush();
                return 0;
            }
            return ledger.change(l -> {
                Budget b = hook.isPresent()
                        ? l.budgets().set(s, amount, p, soft, pct, hook.get())
                        : l.budgets().set(s, amount, p, soft, pct);
                PrintWriter out = spec.commandLine().getOut();
                out.println(b.id());
                out.flush();
                PrintWriter err = spec.commandLine().getErr();
                err.println("tally: budget " + b.id() + ": " + b.scope() + " "
                        + b.limit().toPlainString() + " "
                        + b.period().label() + (b.soft() ? " (soft: alerts only)" : " (hard)") + ", alerts at "
                        + b.thresholds().stream()
                                .map(t -> t.toPlainString() + "%")
                                .collect(Collectors.joining(", "))
                        + b.webhook().map(u -> " to " + u.getHost()).orElse(" (logged by the gateway)")
                        + ", in ledger " + l.location());
                err.flush();
                return 0;
            });
        }

        static URI webhookUrl(String text) {
            try {
                URI u = new URI(text.strip());
                if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                    throw new URISyntaxException(text, "not an http(s) URL with a host");
                }
                return u;
            } catch (URISyntaxException e) {
                throw TallyException.usage("--webhook '" + text
                        + "' is not an http:// or https:// URL (e.g. https://hooks.example.com/tally)");
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the gateway's budgets: limit, spent, reserved and remaining in the current period.")
    public static final class ListBudgets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Mixin
        ListFormat format;

        @Override
        public Integer call() {
            boolean json = format.json();
            String listed = ledger.listJson(
                    "/tally/v1/budgets", l -> GovernJson.budgets(l.budgets().status(Instant.now())));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(listed.strip());
            } else {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("id", "scope", "period", "kind", "limit", "spent", "reserved", "remaining", "resets"));
                for (JsonNode b : GovernAdmin.parse(listed)) {
                    rows.add(List.of(
                            b.path("id").asText(),
                            b.path("scope").asText(),
                            b.path("period").asText(),
                            b.path("kind").asText(),
                            GovernAdmin.plain(b.path("limit")),
                            GovernAdmin.plain(b.path("spent")),
                            GovernAdmin.plain(b.path("reserved")),
                            GovernAdmin.plain(b.path("remaining")),
                            b.path("resets").asText()));
                }
                Columns.print(out, rows);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a gateway budget.")
    public static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Parameters(paramLabel = "ID", description = "The budget's id (bud_..., from tally budget list).")
        String id;

        @Override
        public Integer call() {
            if (ledger.throughGateway()) {
                JsonNode b = ledger.admin().delete("/tally/v1/budgets/" + id.strip());
                spec.commandLine()
                        .getErr()
                        .println("tally: removed budget " + b.path("id").asText() + " ("
                                + b.path("scope").asText() + ", "
                                + b.path("period").asText() + ") through the gateway at " + ledger.gatewayUrl());
                spec.commandLine().getErr().flush();
                return 0;
            }
            try (Ledger l = ledger.openExisting()) {
                Budget b = l.budgets().remove(id);
                spec.commandLine()
                        .getErr()
                        .println("tally: removed budget " + b.id() + " (" + b.scope() + ", "
                                + b.period().label() + ")");
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }
}
