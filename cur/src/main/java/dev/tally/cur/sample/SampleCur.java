package dev.tally.cur.sample;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import dev.tally.cur.Cur2Writer;
import dev.tally.cur.sample.LineTemplate.Category;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Generates a realistic CUR 2.0 export of any size, the same bytes for the same configuration.
 *
 * <p>Rows are not built one by one in Java. Java builds the small things, a population of principals and a
 * few thousand line item templates priced from the {@link PriceCatalog}, into DuckDB tables; one SQL query
 * then draws each of {@code range(rows)} a template, a principal, an hour and an amount by hashing the row
 * number with the seed, and {@link Cur2Writer} streams the result to the file. The first rows (a few dozen)
 * follow a fixed coverage list, so that every kind of row the tests and the quick start rely on exists in
 * any sample of 200 rows or more.
 */
public final class SampleCur {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final PriceCatalog catalog;

    public SampleCur(PriceCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** A generator priced from the built-in catalog. */
    public static SampleCur withBuiltInPrices() {
        return new SampleCur(PriceCatalog.builtIn());
    }

    /** What one generation wrote. */
    public record Result(long rows, Duration elapsed) {}

    /** Writes the sample {@code config} describes to {@code config.out()}, replacing any file there. */
    public Result generate(SampleCurConfig config) {
        requireNonNull(config, "config is null");
        long started = System.nanoTime();
        List<SamplePrincipal> principals = Population.of(config);
        List<LineTemplate> lines = LineTemplates.from(catalog);
        List<int[]> coverage = coverage(lines, principals);
        int deck = WeightedDeck.sizeFor(Math.max(lines.size(), principals.size()));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                // Row order must follow the row number for the bytes to be the same on every run.
                s.execute("SET preserve_insertion_order = true");
            }
            SampleTables.load(duck, config, principals, lines, coverage, deck);
            Cur2Writer.write(duck, query(config, coverage.size(), deck), config.out());
        } catch (SQLException e) {
            throw TallyException.failure("cannot write sample " + config.out() + ": " + OneLine.of(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw TallyException.failure(
                    "cannot write sample " + config.out() + ": "
                            + OneLine.of(
                                    e.getCause() == null
                                            ? e.getMessage()
                                            : e.getCause().getMessage()),
                    e);
        }
        return new Result(config.rows(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * One row of each kind that must exist in any sample: each token type (with a one-hour cache write) in each
     * region, both token units, batch, flex, priority, provisioned in both units, Marketplace, EC2, S3, tax and
     * credits, each Bedrock product code; signed in turn by each style of principal and by untagged ones.
     */
    private static List<int[]> coverage(List<LineTemplate> lines, List<SamplePrincipal> principals) {
        List<Predicate<LineTemplate>> wanted = new ArrayList<>();
        String[] regions = {"us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"};
        int r = 0;
        for (TokenType type : List.of(TokenType.INPUT, TokenType.OUTPUT, TokenType.CACHE_READ, TokenType.CACHE_WRITE)) {
            for (boolean oneHour :
                    type == TokenType.CACHE_WRITE ? new boolean[] {false, true} : new boolean[] {false}) {
                String region = regions[r++ % regions.length];
                wanted.add(tokens(type, PricingModel.ON_DEMAND, oneHour, "1K tokens", region));
            }
        }
        wanted.add(tokens(TokenType.INPUT, PricingModel.ON_DEMAND, false, "1M tokens", "us-east-1"));
        wanted.add(tokens(TokenType.OUTPUT, PricingModel.ON_DEMAND, false, "1M tokens", "ap-northeast-1"));
        wanted.add(tokens(TokenType.INPUT, PricingModel.BATCH, false, "1K tokens", "us-west-2"));
        wanted.add(tokens(TokenType.OUTPUT, PricingModel.BATCH, false, "1K tokens", "us-east-1"));
        wanted.add(tokens(TokenType.INPUT, PricingModel.FLEX, false, "1K tokens", "us-east-1"));
        wanted.add(tokens(TokenType.OUTPUT, PricingModel.PRIORITY, false, "1K tokens", "eu-central-1"));
        for (String unit : List.of("Hours", "Units")) {
            wanted.add(t -> t.category() == Category.PROVISIONED
                    && t.pricingUnit().orElse("").equals(unit));
        }
        for (String usage : List.of("InputTokenCount", "OutputTokenCount")) {
            wanted.add(t -> t.category() == Category.MARKETPLACE
                    && t.usageType().orElse("").contains(usage));
        }
        for (String code : lines.stream()
                .filter(t -> t.category() == Category.TOKENS)
                .map(LineTemplate::productCode)
                .distinct()
                .sorted()
                .toList()) {
            wanted.add(t -> t.category() == Category.TOKENS && t.productCode().equals(code));
        }
        wanted.add(t -> t.category() == Category.EC2);
        wanted.add(t -> t.category() == Category.S3);
        wanted.add(t -> t.category() == Category.TAX && t.productCode().startsWith("AmazonBedrock"));
        wanted.add(t -> t.category() == Category.TAX && !t.productCode().startsWith("AmazonBedrock"));
        wanted.add(t -> t.category() == Category.CREDIT && t.productCode().startsWith("AmazonBedrock"));
        wanted.add(t -> t.category() == Category.CREDIT && !t.productCode().startsWith("AmazonBedrock"));

        List<SamplePrincipal> signers = new ArrayList<>();
        for (SamplePrincipal.Style style : SamplePrincipal.Style.values()) {
            principals.stream()
                    .filter(p -> p.style() == style && !p.untagged())
                    .findFirst()
                    .ifPresent(signers::add);
            principals.stream()
                    .filter(p -> p.style() == style && p.untagged())
                    .findFirst()
                    .ifPresent(signers::add);
        }
        List<int[]> picks = new ArrayList<>();
        for (int k = 0; k < Math.max(wanted.size(), signers.size()); k++) {
            Predicate<LineTemplate> want = wanted.get(k % wanted.size());
            // The most used template of each kind: coverage rows should look like the rest.
            LineTemplate line = lines.stream()
                    .filter(want)
                    .max(Comparator.comparingDouble(LineTemplate::weight))
                    .orElseGet(() -> lines.stream()
                            .filter(t -> t.category() == Category.TOKENS)
                            .findFirst()
                            .orElseThrow());
            picks.add(new int[] {line.id(), signers.get(k % signers.size()).id()});
        }
        return picks;
    }

    private static Predicate<LineTemplate> tokens(
            TokenType type, PricingModel tier, boolean oneHour, String unit, String region) {
        return t -> t.category() == Category.TOKENS
                && t.region().orElse("").equals(region)
                && t.pricingUnit().orElse("").equals(unit)
                && t.usageType()
                        .map(UsageType::parse)
                        .filter(u -> u.tokenType() == type && u.pricingModel() == tier && u.oneHourCache() == oneHour)
                        .isPresent();
    }

    private String query(SampleCurConfig config, int coverage, int deck) {
        LocalDateTime start = config.month().atDay(1).atStartOfDay();
        LocalDateTime end = start.plusMonths(1);
        Map<String, String> values = Map.ofEntries(
                Map.entry("rows", Long.toString(config.rows())),
                Map.entry("seed", Long.toString(config.seed())),
                Map.entry("coverage", Integer.toString(coverage)),
                Map.entry("deck", Integer.toString(deck)),
                Map.entry("hours", Integer.toString(config.month().lengthOfMonth() * 24)),
                Map.entry("period_start", "TIMESTAMP '" + start + "'"),
                Map.entry("period_end", "TIMESTAMP '" + end + "'"),
                Map.entry("billing_period", "'" + config.month() + "'"),
                Map.entry("payer_id", "'" + SampleAccount.PAYER_ID + "'"),
                Map.entry("payer_name", "'" + SampleAccount.PAYER_NAME + "'"),
                Map.entry("currency", "'" + catalog.currency().replace("'", "''") + "'"));
        String sql = SampleTables.QUERY + (config.rows() <= SampleTables.SORTED_UP_TO ? "\nORDER BY n" : "");
        for (var e : values.entrySet()) {
            sql = sql.replace("${" + e.getKey() + "}", e.getValue());
        }
        return sql;
    }

    static String iso(LocalDateTime t) {
        return t.atOffset(ZoneOffset.UTC).format(ISO);
    }
}
