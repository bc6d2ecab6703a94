package dev.tally.emulator.billing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.io.AtomicFile;
import dev.tally.cur.Cur2Schema;
import dev.tally.cur.Cur2Writer;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.http.AwsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the ledger as a CUR 2.0 Data Export in AWS's layout:
 * {@code DIR/<export>/data/BILLING_PERIOD=YYYY-MM/<export>-00001.snappy.parquet} and
 * {@code DIR/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json}. Like AWS, each flush rewrites
 * a changed period's files whole; both appear atomically (temporary file, then rename).
 */
public final class CurExport {

    private final Path root;
    private final String exportName;
    private final String accountId;
    private final String region;
    private final UsageLedger ledger;

    public CurExport(Path directory, String exportName, String accountId, String region, UsageLedger ledger) {
        this.root = requireNonNull(directory, "directory is null")
                .resolve(requireNonNull(exportName, "exportName is null"));
        this.exportName = exportName;
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.region = requireNonNull(region, "region is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    public Path root() {
        return root;
    }

    public Path dataFile(YearMonth period) {
        return root.resolve("data").resolve("BILLING_PERIOD=" + period).resolve(exportName + "-00001.snappy.parquet");
    }

    public Path manifestFile(YearMonth period) {
        return root.resolve("metadata").resolve("BILLING_PERIOD=" + period).resolve(exportName + "-Manifest.json");
    }

    /** Rewrites every period that changed since the last flush; returns the data files written. */
    public synchronized List<Path> flush() {
        Set<YearMonth> periods = ledger.takeDirtyPeriods();
        List<Path> written = new ArrayList<>();
        try {
            for (YearMonth period : periods.stream().sorted().toList()) {
                List<CurLineItem> items = ledger.lineItems(period);
                Path data = dataFile(period);
                Cur2Writer.write(items, data);
                writeManifest(period, items.size());
                written.add(data);
            }
        } catch (RuntimeException e) {
            ledger.markDirty(periods);
            throw e;
        }
        return written;
    }

    private void writeManifest(YearMonth period, int rows) {
        ObjectNode m = AwsJson.object();
        m.put("exportArn", "arn:aws:bcm-data-exports:" + region + ":" + accountId + ":export/" + exportName);
        m.put("exportName", exportName);
        m.put("executionId", UUID.randomUUID().toString());
        m.put("exportTime", Instant.now().toString());
        m.putObject("billingPeriod")
                .put(
                        "start",
                        period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString())
                .put(
                        "end",
                        period.plusMonths(1)
                                .atDay(1)
                                .atStartOfDay()
                                .toInstant(ZoneOffset.UTC)
                                .toString());
        m.put("tableName", "COST_AND_USAGE_REPORT");
        m.put("fileFormat", "PARQUET");
        m.put("compression", "PARQUET");
        m.put("rowCount", rows);
        m.putArray("dataFiles").add(root.relativize(dataFile(period)).toString());
        ArrayNode columns = m.putArray("columns");
        for (Cur2Schema.Column c : Cur2Schema.columns()) {
            columns.addObject().put("name", c.name()).put("type", c.glueType());
        }
        Path target = manifestFile(period);
        try {
            Files.createDirectories(target.getParent());
            byte[] json = AwsJson.prettyBytes(m);
            AtomicFile.write(target, out -> out.write(json), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
