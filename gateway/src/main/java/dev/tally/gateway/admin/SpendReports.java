package dev.tally.gateway.admin;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.report.query.Condition;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.render.OutputFormat;
import dev.tally.report.render.Renderer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spend from the gateway's ledger, computed and written by the report module itself ({@link ReportEngine} with
 * the ledger as its only source, the JSON {@link Renderer}), so {@code GET /tally/v1/spend} answers exactly what
 * {@code tally report --ledger L --format json} prints for the same dimensions, range and filters.
 */
public final class SpendReports {
    private static final Set<String> PARAMETERS = Set.of("by", "from", "to", "where", "top");

    private final String ledger;

    public SpendReports(String ledger) {
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    /**
     * The request the query parameters ask for: {@code by} (comma-separated dimensions), {@code from}, {@code to}
     * (YYYY-MM-DD, {@code to} exclusive), {@code where} (DIM=VALUE, repeatable), {@code top}.
     *
     * @throws TallyException USAGE for an unknown parameter or a bad value (the API answers 400 with the message)
     */
    public static ReportRequest request(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw TallyException.usage("unknown parameter '" + name + "' (expected: by, from, to, where, top)");
            }
        }
        List<Dimension> by = new ArrayList<>();
        for (String list : query.getOrDefault("by", List.of())) {
            Arrays.stream(list.split(","))
                    .filter(s -> !s.isBlank())
                    .map(Dimension::parse)
                    .forEach(by::add);
        }
        ReportRequest r = new ReportRequest(
                List.of(),
                by,
                date("from", query),
                date("to", query),
                query.getOrDefault("where", List.of()).stream()
                        .map(Condition::parse)
                        .toList(),
                false,
                dev.tally.report.read.CostBasis.UNBLENDED,
                Optional.empty(),
                false);
        Optional<String> top = single("top", query);
        if (top.isPresent()) {
            try {
                r = r.withTop(Integer.parseInt(top.get()));
            } catch (NumberFormatException e) {
                throw TallyException.usage("top: expected a whole number, got '" + top.get() + "'");
            }
        }
        return r;
    }

    /** The report, rendered as {@code tally report --format json} renders it. */
    public String json(ReportRequest request) {
        Report report = new ReportEngine(
                        new S3Fetcher(Path.of(System.getProperty("java.io.tmpdir")), s -> {}, S3Fetcher.clients()),
                        ReportEngine.Progress.none())
                .run(request, List.of(ledger));
        StringWriter out = new StringWriter();
        try {
            Renderer.forFormat(OutputFormat.JSON).render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Optional<LocalDate> date(String name, Map<String, List<String>> query) {
        Optional<String> v = single(name, query);
        try {
            return v.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw TallyException.usage(name + ": expected a date YYYY-MM-DD, got '" + v.orElseThrow() + "'");
        }
    }

    private static Optional<String> single(String name, Map<String, List<String>> query) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw TallyException.usage(name + ": given " + values.size() + " times, expected once");
        }
        return values.stream().findFirst();
    }
}
