package dev.tally.cli.govern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.cli.gateway.Columns;
import dev.tally.cli.keys.ListFormat;
import dev.tally.cli.keys.StoreOptions;
import dev.tally.core.error.TallyException;
import dev.tally.core.io.JsonWriter;
import dev.tally.gateway.admin.GovernJson;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Scope;
import dev.tally.ledger.UsageLimit;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally limits set|list|rm}: rate limits and model access for the gateway, per key, user or team. */
@Command(
        name = "limits",
        mixinStandardHelpOptions = true,
        description = {
            "Rate limits (requests and tokens per minute, across every gateway replica) and model access for tally"
                    + " gateway, per key, user or team."
        },
        subcommands = {LimitsCommand.Set.class, LimitsCommand.ListLimits.class, LimitsCommand.Remove.class})
public final class LimitsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Sets the limits of a scope (replacing what it had).",
            footer = {
                "",
                "Example:",
                "  tally limits set --scope team:search --rpm 600 --tpm 2000000 \\",
                "      --models 'us.anthropic.claude-*'"
            })
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Option(names = "--scope", required = true, paramLabel = "KIND:NAME", description = "key:ID, user:U or team:T.")
        String scope;

        @Mixin
        RateOptions rates;

        @Option(
                names = "--models",
                paramLabel = "ID[,ID...]",
                description = "The models the key or team may call: ids, inference profile ids or ARNs, * as a"
                        + " wildcard.")
        @Nullable
        String models;

        @Override
        public Integer call() {
            Scope s = Scope.parse(scope);
            List<String> allowed = models == null
                    ? List.of()
                    : Arrays.stream(models.split(","))
                            .map(String::strip)
                            .filter(m -> !m.isEmpty())
                            .toList();
            if (models != null && allowed.isEmpty()) {
                throw TallyException.usage("--models '" + models + "' names no model");
            }
            if (ledger.throughGateway()) {
                JsonWriter body =
                        JsonWriter.compact().beginObject().name("scope").value(s.toString());
                rates.writeTo(body);
                body.name("models").beginArray();
                allowed.forEach(body::value);
                body.endArray();
                JsonNode limit =
                        ledger.admin().post("/tally/v1/limits", body.endObject().toString());
                spec.commandLine().getOut().println(limit.path("id").asText());
                spec.commandLine().getOut().flush();
                spec.commandLine()
                        .getErr()
                        .println("tally: limits " + limit.path("id").asText() + " for "
                                + limit.path("scope").asText() + ", through the gateway at " + ledger.gatewayUrl());
                spec.commandLine().getErr().flush();
                return 0;
            }
            return ledger.change(l -> {
                UsageLimit limit = l.limits().set(s, rates.rates(), allowed);
                spec.commandLine().getOut().println(limit.id());
                spec.commandLine().getOut().flush();
                spec.commandLine()
                        .getErr()
                        .println("tally: limits " + limit.id() + " for " + limit.scope() + ": " + describe(limit)
                                + ", in ledger " + l.location());
                spec.commandLine().getErr().flush();
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the limits.")
    static final class ListLimits implements Callable<Integer> {
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
                    "/tally/v1/limits", l -> GovernJson.limits(l.limits().list()));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(listed.strip());
            } else {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("id", "scope", "rpm", "tpm", "models"));
                for (JsonNode l : GovernAdmin.parse(listed)) {
                    List<String> models = new ArrayList<>();
                    l.path("models").forEach(m -> models.add(m.asText()));
                    rows.add(List.of(
                            l.path("id").asText(),
                            l.path("scope").asText(),
                            l.has("requests_per_minute")
                                    ? l.path("requests_per_minute").asText()
                                    : "-",
                            l.has("tokens_per_minute")
                                    ? l.path("tokens_per_minute").asText()
                                    : "-",
                            models.isEmpty() ? "any" : String.join(",", models)));
                }
                Columns.print(out, rows);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a scope's limits.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions ledger;

        @Parameters(paramLabel = "ID", description = "The limits' id (lim_..., from tally limits list).")
        String id;

        @Override
        public Integer call() {
            if (ledger.throughGateway()) {
                JsonNode limit = ledger.admin().delete("/tally/v1/limits/" + id.strip());
                spec.commandLine()
                        .getErr()
                        .println("tally: removed limits " + limit.path("id").asText() + " of "
                                + limit.path("scope").asText() + " through the gateway at " + ledger.gatewayUrl());
                spec.commandLine().getErr().flush();
                return 0;
            }
            try (Ledger l = ledger.openExisting()) {
                UsageLimit limit = l.limits().remove(id);
                spec.commandLine().getErr().println("tally: removed limits " + limit.id() + " of " + limit.scope());
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }

    static String describe(UsageLimit l) {
        List<String> parts = new ArrayList<>();
        l.requestsPerMinute().ifPresent(n -> parts.add(n + " requests/min"));
        l.tokensPerMinute().ifPresent(n -> parts.add(n + " tokens/min"));
        parts.add(l.models().isEmpty() ? "any model" : "models " + String.join(", ", l.models()));
        return String.join(", ", parts);
    }
}
