package dev.tally.spark;

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

/** The same report on DuckDB and on the shared Spark session, as JSON (exact decimals, every group). */
final class Engines {
    private static final S3Fetcher NO_S3 = new S3Fetcher(
            Path.of(System.getProperty("java.io.tmpdir"), "tally-test-s3"), line -> {}, S3Fetcher.clients());

    private Engines() {}

    static Report duckdb(ReportRequest request) {
        return new ReportEngine(NO_S3, ReportEngine.Progress.none()).run(request);
    }

    static Report spark(ReportRequest request) {
        return new ReportEngine(NO_S3, new SparkFirstStep(SharedSpark.session())).run(request);
    }

    static Path sharedData(String name) {
        return Path.of(System.getProperty("tally.shared", "../../shared"), "data", name)
                .toAbsolutePath()
                .normalize();
    }

    static String json(Report report) {
        StringWriter out = new StringWriter();
        try {
            Renderer.forFormat(OutputFormat.JSON).render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
