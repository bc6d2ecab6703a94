package dev.tally.reconcile.match;

import dev.tally.core.error.TallyException;
import dev.tally.core.usage.UsageType;
import dev.tally.reconcile.TokenKind;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.FormatDetector;
import dev.tally.report.read.InputResolver;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SourceFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The billed side: the exports read by the report's engine (every format {@code tally report} reads, its DuckDB
 * scan, its exact sums), grouped by principal, UTC day and usage type, plus the user and the tags {@code --by}
 * asks for.
 */
public final class Bills {
    private static final List<Dimension> JOIN = List.of(
            Dimension.PRINCIPAL,
            new Dimension(Dimension.Kind.DAY, Optional.empty()),
            new Dimension(Dimension.Kind.USAGE_TYPE, Optional.empty()),
            new Dimension(Dimension.Kind.USER, Optional.empty()));

    private static final String PRINCIPAL_COLUMN = "line_item_iam_principal";

    private Bills() {}

    /**
     * What the bill says.
     *
     * @param cells billed sums by cell
     * @param sessions each billed principal's user (the report's user dimension: User tag, IAM user, session name)
     *     and the asked tags (lower-case keys; absent when untagged)
     * @param unattributed billed cost that names no principal (legacy CUR and FOCUS have none)
     * @param currencies the currencies billed
     */
    public record Billed(
            Map<CellKey, Cell> cells,
            Map<String, Ledgers.SessionFacts> sessions,
            BigDecimal unattributed,
            List<String> currencies,
            List<String> warnings) {}

    /**
     * Refuses, before any work, inputs that cannot name a principal: legacy CUR 1.0 and FOCUS exports have no
     * principal column, nor has a CUR 2.0 export made without {@code INCLUDE_IAM_PRINCIPAL_DATA}. Reconciling them
     * would report every billed cent as unknown, which is no answer.
     */
    public static void requirePrincipals(List<String> inputs, S3Fetcher s3) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (SourceFile f : new InputResolver(new FormatDetector(duck), s3, w -> {}).resolve(inputs)) {
                if (f.format() != SourceFormat.CUR2) {
                    throw TallyException.usage(
                            "--cur " + f.path() + " is a " + f.format().label()
                                    + " export, which names no IAM principal; reconcile needs a CUR 2.0 export with"
                                    + " INCLUDE_IAM_PRINCIPAL_DATA to match the bill to the gateway's sessions");
                }
                if (!f.has(PRINCIPAL_COLUMN)) {
                    throw TallyException.usage("--cur " + f.path() + " has no " + PRINCIPAL_COLUMN
                            + " column; reconcile needs a CUR 2.0 export with INCLUDE_IAM_PRINCIPAL_DATA");
                }
            }
        } catch (SQLException e) {
            throw TallyException.failure("DuckDB could not start: " + e.getMessage(), e);
        }
    }

    public static Billed read(
            ReportEngine engine,
            List<String> inputs,
            Optional<LocalDate> from,
            Optional<LocalDate> to,
            List<Dimension> tags) {
        List<Dimension> by = new ArrayList<>(JOIN);
        by.addAll(tags);
        Report report = engine.run(ReportRequest.of(inputs).withBy(by).withRange(from, to));
        Map<CellKey, Cell> cells = new HashMap<>();
        Map<String, Ledgers.SessionFacts> sessions = new HashMap<>();
        BigDecimal unattributed = BigDecimal.ZERO;
        boolean anyPrincipal = false;
        List<String> currencies = new ArrayList<>();
        for (CurrencyReport currency : report.currencies()) {
            currencies.add(currency.currency());
            for (Group g : currency.groups()) {
                List<String> k = g.keys();
                String principal = k.get(0);
                if (principal.equals(Group.NONE) || k.get(1).equals(Group.NONE)) {
                    unattributed = unattributed.add(g.cost());
                    continue;
                }
                anyPrincipal = true;
                UsageType usage = UsageType.parse(k.get(2).equals(Group.NONE) ? "" : k.get(2));
                CellKey key = new CellKey(
                        principal,
                        LocalDate.parse(k.get(1)),
                        usage.model().orElse(Group.NONE),
                        usage.pricingModel(),
                        TokenKind.of(usage));
                long tokens = g.tokens().setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                cells.computeIfAbsent(key, x -> new Cell()).addBilled(g.cost(), tokens);
                sessions.computeIfAbsent(principal, p -> new Ledgers.SessionFacts(k.get(3), tagsOf(k, tags)));
            }
        }
        if (!anyPrincipal && unattributed.signum() != 0) {
            throw TallyException.usage("--cur: no billed Bedrock line item names an IAM principal, so nothing can be"
                    + " matched to the gateway's sessions (reconcile needs a CUR 2.0 export with"
                    + " INCLUDE_IAM_PRINCIPAL_DATA)");
        }
        return new Billed(cells, sessions, unattributed, currencies, report.warnings());
    }

    private static Map<String, String> tagsOf(List<String> keys, List<Dimension> tags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            String value = keys.get(JOIN.size() + i);
            if (!value.equals(Group.UNTAGGED)) {
                values.put(tags.get(i).matchKey().orElseThrow(), value);
            }
        }
        return values;
    }
}
