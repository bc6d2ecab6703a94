package dev.tally.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.render.OutputFormat;
import dev.tally.report.render.Renderer;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs reports in tests and reads their JSON back as plain maps. */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Reports() {}

    public static Path sharedData(String name) {
        return Path.of(System.getProperty("tally.shared", "../../shared"), "data", name)
                .toAbsolutePath()
                .normalize();
    }

    public static Report run(ReportRequest request) {
        return new ReportEngine(
                        new S3Fetcher(
                                Path.of(System.getProperty("java.io.tmpdir"), "tally-test-s3"),
                                s -> {},
                                S3Fetcher.clients()),
                        ReportEngine.Progress.none())
                .run(request);
    }

    public static ReportRequest request(Object input, String... by) {
        return ReportRequest.of(List.of(input.toString()))
                .withBy(Arrays.stream(by).map(Dimension::parse).toList());
    }

    public static String json(Report report) throws Exception {
        StringWriter out = new StringWriter();
        Renderer.forFormat(OutputFormat.JSON).render(report, out);
        return out.toString();
    }

    /** Group costs by the joined key values ("a / b"), from the rendered JSON. */
    public static Map<String, BigDecimal> costs(Report report) throws Exception {
        JsonNode root = JSON.readTree(json(report));
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (JsonNode group : root.get("groups")) {
            StringBuilder key = new StringBuilder();
            group.get("keys")
                    .properties()
                    .forEach(e -> key.append(key.isEmpty() ? "" : " / ")
                            .append(e.getValue().asText()));
            costs.put(key.toString(), group.get("cost").decimalValue());
        }
        return costs;
    }

    public static BigDecimal total(Report report) throws Exception {
        return JSON.readTree(json(report)).get("total").decimalValue();
    }
}
