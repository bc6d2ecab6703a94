package dev.tally.cli.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.cli.keys.LedgerOption;
import dev.tally.core.error.TallyException;
import dev.tally.gateway.admin.SpendReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally spend}: the gateway's spend, from a running gateway's admin API ({@code --gateway}), from the ledger
 * file directly, or your own ({@code --me}, with your key). Always the report module's JSON ({@code tally report
 * --ledger ... --format json}), printed as it is or as a table.
 */
@Command(
        name = "spend",
        mixinStandardHelpOptions = true,
        description = {
            "Spend through tally gateway, grouped like tally report: from a running gateway (--gateway URL, with the "
                    + "admin token in TALLY_ADMIN_TOKEN) or its ledger file (--ledger).",
            "--me shows your own spend this month with your own key (AWS_BEARER_TOKEN_BEDROCK, as clients use it)."
        },
        footer = {
            "",
            "Examples:",
            "  tally spend --gateway https://gw.example.com --by user,model \\",
            "      --from 2026-12-01",
            "  tally spend --ledger tally-ledger.db --by team --format json",
            "  tally spend --me --gateway https://gw.example.com",
            "The admin token comes from TALLY_ADMIN_TOKEN; --me reads your key from AWS_BEARER_TOKEN_BEDROCK."
        })
public final class SpendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL", description = "A running tally gateway (its admin API).")
    @Nullable
    String gateway;

    @Option(
            names = "--ledger",
            paramLabel = "PATH|JDBC-URL",
            description = "Read the ledger directly instead (default: " + LedgerOption.DEFAULT + ").")
    @Nullable
    String ledger;

    @Option(names = "--me", description = "Your own spend this month, with your key (needs --gateway).")
    boolean me;

    @Option(
            names = "--by",
            paramLabel = "DIM[,DIM...]",
            description = "Dimensions to group by, as tally report's --by (default: user).")
    @Nullable
    String by;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (inclusive, UTC, YYYY-MM-DD).")
    @Nullable
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Day to stop before (exclusive).")
    @Nullable
    String to;

    @Option(names = "--where", paramLabel = "DIM=VALUE", description = "Keep rows whose DIM is VALUE; repeatable.")
    List<String> where = List.of();

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "table or json.")
    String format = "table";

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw TallyException.usage("--format '" + format + "' is not one of: table, json");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (me) {
            if (gateway == null) {
                throw TallyException.usage("--me needs --gateway URL (the gateway your key belongs to)");
            }
            if (by != null || from != null || to != null || !where.isEmpty() || ledger != null) {
                throw TallyException.usage(
                        "--me shows this month by model; it takes no --by, --from, --to, --where " + "or --ledger");
            }
            String key = System.getenv("AWS_BEARER_TOKEN_BEDROCK");
            if (key == null || key.isBlank()) {
                throw TallyException.usage(
                        "--me reads your gateway key from AWS_BEARER_TOKEN_BEDROCK, which is not set");
            }
            String body = AdminClient.of(gateway, key.strip(), "your key (AWS_BEARER_TOKEN_BEDROCK)")
                    .getText("/tally/v1/me");
            if (format.equals("json")) {
                out.print(body);
            } else {
                JsonNode me = parse(body);
                out.println("user " + me.path("user").asText() + ", "
                        + me.path("from").asText() + " to " + me.path("to").asText() + " (exclusive, UTC)");
                table(out, me.path("spend"));
                for (JsonNode b : me.path("budgets")) {
                    out.println("budget " + b.path("scope").asText() + " "
                            + b.path("period").asText() + " ("
                            + b.path("kind").asText() + "): " + plain(b.path("remaining")) + " of "
                            + plain(b.path("limit")) + " remaining, resets "
                            + b.path("resets").asText());
                }
            }
            out.flush();
            return 0;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("by", List.of(by == null ? "user" : by));
        if (from != null) {
            query.put("from", List.of(from));
        }
        if (to != null) {
            query.put("to", List.of(to));
        }
        if (!where.isEmpty()) {
            query.put("where", where);
        }
        String json;
        if (gateway != null) {
            if (ledger != null) {
                throw TallyException.usage("--gateway and --ledger: give one (the gateway reads its own ledger)");
            }
            json = AdminClient.of(
                            gateway,
                            AdminClient.adminToken(System.getenv("TALLY_ADMIN_TOKEN")),
                            "the admin token (TALLY_ADMIN_TOKEN)")
                    .getText("/tally/v1/spend?" + queryString(query));
        } else {
            String location = ledger == null ? LedgerOption.DEFAULT : ledger;
            json = new SpendReports(location).json(SpendReports.request(query));
        }
        if (format.equals("json")) {
            out.print(json);
        } else {
            table(out, parse(json));
        }
        out.flush();
        return 0;
    }

    static String queryString(Map<String, List<String>> query) {
        List<String> parts = new ArrayList<>();
        query.forEach((k, values) ->
                values.forEach(v -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return String.join("&", parts);
    }

    private static JsonNode parse(String json) {
        try {
            // Exact decimals, as the report wrote them.
            return new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(json);
        } catch (IOException e) {
            throw TallyException.failure("the spend answer is not JSON", e);
        }
    }

    private static String plain(JsonNode n) {
        return n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
    }

    /** The report JSON (one currency object, or an array of them) as aligned columns. */
    private static void table(PrintWriter out, JsonNode report) {
        List<JsonNode> currencies = new ArrayList<>();
        if (report.isArray()) {
            report.forEach(currencies::add);
        } else {
            currencies.add(report);
        }
        if (currencies.isEmpty()) {
            out.println("no spend");
            return;
        }
        for (JsonNode c : currencies) {
            List<String> dims = new ArrayList<>();
            c.path("dimensions").forEach(d -> dims.add(d.asText()));
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(dims);
            header.add("cost (" + c.path("currency").asText() + ")");
            header.add("usage");
            rows.add(header);
            for (JsonNode g : c.path("groups")) {
                List<String> row = new ArrayList<>();
                dims.forEach(d -> row.add(g.path("keys").path(d).asText()));
                row.add(plain(g.path("cost")));
                row.add(plain(g.path("usage")));
                rows.add(row);
            }
            List<String> total = new ArrayList<>();
            for (int i = 0; i < dims.size(); i++) {
                total.add(i == 0 ? "total" : "");
            }
            total.add(plain(c.path("total")));
            total.add("");
            rows.add(total);
            Columns.print(out, rows);
        }
    }
}
