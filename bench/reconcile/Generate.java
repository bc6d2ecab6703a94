import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import dev.tally.cur.Cur2Writer;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A month of a gateway-fronted organisation, both sides consistent: EVENTS usage events from USERS people through
 * the ledger's own writer (Ledger.record, group commit), and the CUR 2.0 export AWS would bill for exactly those
 * calls through cur's writer (Cur2Writer, Parquet, daily line items per session, model and token type, costs priced
 * by the same catalog, session tags in the tags map). `tally reconcile` over the two reconciles to zero.
 *
 *   java -cp cli/target/tally.jar:cli/target/lib/* Generate.java OUT_DIR [EVENTS] [USERS] [MONTH] [SEED]
 *   defaults: 5000000 500 2026-11 1; writes OUT_DIR/ledger.db and OUT_DIR/cur/data/BILLING_PERIOD=MONTH/cur.parquet
 */
public class Generate {
    static final String ACCOUNT = "123456789012";
    static final String ROLE = "arn:aws:sts::" + ACCOUNT + ":assumed-role/TallyGateway/";
    static final String[][] MODELS = {
        {"us.anthropic.claude-sonnet-4-6", "Claude4.6Sonnet", "0.55"},
        {"anthropic.claude-haiku-4-5-20251001-v1:0", "Claude4.5Haiku", "0.35"},
        {"us.anthropic.claude-opus-4-6", "Claude4.6Opus", "0.10"}
    };
    static final String[] OPERATIONS = {"converse", "converse-stream", "invoke", "invoke-stream"};

    record Line(int user, LocalDate day, int model, int kind) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long events = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        YearMonth month = YearMonth.parse(args.length > 3 ? args[3] : "2026-11");
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        Files.createDirectories(out);
        PriceCatalog prices = PriceCatalog.builtIn();
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long monthMicros = ChronoUnit.MICROS.between(start, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<Line, long[]> bill = new HashMap<>();
        long began = System.nanoTime();
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        try (Ledger ledger = Ledger.open(out.resolve("ledger.db").toString(), SyncMode.NORMAL)) {
            for (long i = 0; i < events; i++) {
                int user = random.nextInt(users);
                int model = pickModel(random.nextDouble());
                Instant time = start.plus(random.nextLong(monthMicros), ChronoUnit.MICROS);
                long[] tokens = {
                    100 + random.nextInt(4000),
                    10 + random.nextInt(800),
                    random.nextInt(4) == 0 ? 1000 + random.nextInt(20000) : 0,
                    random.nextInt(10) == 0 ? 500 + random.nextInt(5000) : 0,
                    random.nextInt(40) == 0 ? 500 + random.nextInt(5000) : 0
                };
                BigDecimal cost = BigDecimal.ZERO;
                for (int k = 0; k < 5; k++) {
                    if (tokens[k] > 0) {
                        cost = cost.add(PriceCatalog.costOf(tokens[k], price(prices, model, k)));
                    }
                }
                String name = "user" + user;
                last = ledger.record(new UsageEvent(
                        "ev-" + seed + "-" + i,
                        time,
                        "key" + user,
                        name,
                        ROLE + "gw-" + name,
                        Map.of("User", name, "Team", "team" + (user % 20), "Project", "project" + (user % 40)),
                        MODELS[model][0],
                        MODELS[model][1],
                        OPERATIONS[random.nextInt(OPERATIONS.length)],
                        new TokenCounts(tokens[0], tokens[1], tokens[2], tokens[3], tokens[4]),
                        PricingModel.ON_DEMAND,
                        cost,
                        "USD",
                        200,
                        Duration.ofMillis(200 + random.nextInt(3000)),
                        Optional.empty(),
                        Outcome.COMPLETED,
                        false));
                LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
                for (int k = 0; k < 5; k++) {
                    if (tokens[k] > 0) {
                        bill.computeIfAbsent(new Line(user, day, model, k), x -> new long[1])[0] += tokens[k];
                    }
                }
                if (i % 1_000_000 == 999_999) {
                    System.err.printf("%,d events in %d s%n", i + 1, (System.nanoTime() - began) / 1_000_000_000);
                }
            }
            last.join();
        }
        System.err.printf("ledger: %,d events in %d s%n", events, (System.nanoTime() - began) / 1_000_000_000);
        // The bill's line items go through cur's writer as a query (Cur2Writer.write(duck, query, out)): its
        // list form binds one row at a time, minutes for a month of a 500-person organisation.
        Path lines = out.resolve("bill-lines.tsv");
        try (var w = Files.newBufferedWriter(lines)) {
            w.write("id\tstart\tusage_type\tresource\tprincipal\tamount\trate\tcost\tuser\tteam\tproject\n");
            for (var e : bill.entrySet()) {
                Line l = e.getKey();
                long tokens = e.getValue()[0];
                BigDecimal perMillion = price(prices, l.model(), l.kind());
                String usageType = UsageType.of(
                                "us-east-1", MODELS[l.model()][1], type(l.kind()), PricingModel.ON_DEMAND, l.kind() == 4)
                        .text();
                String name = "user" + l.user();
                w.write(String.join(
                        "\t",
                        l.user() + "-" + l.day() + "-" + l.model() + "-" + l.kind(),
                        l.day().toString(),
                        usageType,
                        "arn:aws:bedrock:us-east-1::foundation-model/" + MODELS[l.model()][0],
                        ROLE + "gw-" + name,
                        BigDecimal.valueOf(tokens).movePointLeft(3).toPlainString(),
                        perMillion.movePointLeft(3).toPlainString(),
                        PriceCatalog.costOf(tokens, perMillion).toPlainString(),
                        name,
                        "team" + (l.user() % 20),
                        "project" + (l.user() % 40)));
                w.write("\n");
            }
        }
        Path cur = out.resolve("cur/data/BILLING_PERIOD=" + month).resolve("cur.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            Cur2Writer.write(duck, """
                    SELECT id AS identity_line_item_id,
                           CAST(start AS TIMESTAMP) AS line_item_usage_start_date,
                           CAST(start AS TIMESTAMP) + INTERVAL 1 DAY AS line_item_usage_end_date,
                           '%1$s' AS bill_payer_account_id, '%1$s' AS line_item_usage_account_id,
                           'AWS' AS bill_billing_entity, 'Usage' AS line_item_line_item_type,
                           'AmazonBedrock' AS line_item_product_code, MAP {'product_name': 'Amazon Bedrock'} AS product,
                           usage_type AS line_item_usage_type, 'InvokeModelInference' AS line_item_operation,
                           'us-east-1' AS product_region_code, resource AS line_item_resource_id,
                           principal AS line_item_iam_principal, CAST(amount AS DOUBLE) AS line_item_usage_amount,
                           '1K tokens' AS pricing_unit, rate AS line_item_unblended_rate,
                           CAST(cost AS DOUBLE) AS line_item_unblended_cost, rate AS line_item_net_unblended_rate,
                           CAST(cost AS DOUBLE) AS line_item_net_unblended_cost, 'USD' AS line_item_currency_code,
                           MAP {'iamPrincipal/User': "user", 'iamPrincipal/Team': team, 'iamPrincipal/Project': project} AS tags
                    FROM read_csv('%2$s', delim = '\t', header = true, all_varchar = true)""".formatted(ACCOUNT, lines), cur);
        }
        Files.delete(lines);
        System.err.printf("cur: %,d line items in %s (%d s in all)%n", bill.size(), cur, (System.nanoTime() - began) / 1_000_000_000);
    }

    static int pickModel(double r) {
        double at = 0;
        for (int m = 0; m < MODELS.length; m++) {
            at += Double.parseDouble(MODELS[m][2]);
            if (r < at) {
                return m;
            }
        }
        return MODELS.length - 1;
    }

    static TokenType type(int kind) {
        return switch (kind) {
            case 0 -> TokenType.INPUT;
            case 1 -> TokenType.OUTPUT;
            case 2 -> TokenType.CACHE_READ;
            default -> TokenType.CACHE_WRITE;
        };
    }

    static BigDecimal price(PriceCatalog prices, int model, int kind) {
        return prices.pricePerMillion(MODELS[model][1], type(kind), PricingModel.ON_DEMAND, kind == 4)
                .orElseThrow(() -> new IllegalStateException("no price for " + MODELS[model][1]));
    }
}
