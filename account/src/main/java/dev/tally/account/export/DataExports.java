package dev.tally.account.export;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.AwsCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.bcmdataexports.model.Export;
import software.amazon.awssdk.services.bcmdataexports.model.ExportReference;
import software.amazon.awssdk.services.bcmdataexports.model.GetExportResponse;

/**
 * CUR 2.0 exports through the Data Exports API: created idempotently (an export of the same name is left
 * alone when it already matches, else updated in place) and found again, so {@code tally doctor} can tell
 * whether the account has one that carries IAM principal data.
 */
public final class DataExports {
    /** What {@link #create} did. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public record Outcome(Action action, String arn) {}

    private final BcmDataExportsClient client;

    public DataExports(BcmDataExportsClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    public Outcome create(ExportSpec spec) {
        Export wanted = spec.export();
        Optional<ExportReference> existing = references().stream()
                .filter(r -> r.exportName().equals(spec.name()))
                .findFirst();
        if (existing.isEmpty()) {
            return new Outcome(
                    Action.CREATED,
                    AwsCall.dataExports("CreateExport")
                            .run(() ->
                                    client.createExport(r -> r.export(wanted)).exportArn()));
        }
        String arn = existing.get().exportArn();
        Export current = AwsCall.dataExports("GetExport")
                .run(() -> client.getExport(r -> r.exportArn(arn)).export());
        if (current.toBuilder().exportArn(null).build().equals(wanted)) {
            return new Outcome(Action.UNCHANGED, arn);
        }
        AwsCall.dataExports("UpdateExport")
                .run(() -> client.updateExport(r -> r.exportArn(arn).export(wanted)));
        return new Outcome(Action.UPDATED, arn);
    }

    /** Every export of the account (all pages), described. */
    public List<ExportSummary> list() {
        List<ExportSummary> out = new ArrayList<>();
        for (ExportReference ref : references()) {
            out.add(summary(
                    AwsCall.dataExports("GetExport").run(() -> client.getExport(r -> r.exportArn(ref.exportArn())))));
        }
        return out;
    }

    /** The CUR 2.0 exports that include IAM principal data: the ones Bedrock cost attribution needs. */
    public List<ExportSummary> iamPrincipalCurExports() {
        return list().stream().filter(ExportSummary::attributesBedrockCost).toList();
    }

    private List<ExportReference> references() {
        List<ExportReference> out = new ArrayList<>();
        AwsCall.dataExports("ListExports")
                .run(() -> client.listExportsPaginator(r -> {}).exports().forEach(out::add));
        return out;
    }

    private static ExportSummary summary(GetExportResponse got) {
        Export e = got.export();
        String query =
                e.dataQuery() == null ? "" : e.dataQuery().queryStatement().toUpperCase(Locale.ROOT);
        boolean cur2 = query.contains(" FROM " + ExportSpec.TABLE);
        boolean principal = e.dataQuery() != null
                && e.dataQuery()
                        .tableConfigurations()
                        .getOrDefault(ExportSpec.TABLE, Map.of())
                        .getOrDefault("INCLUDE_IAM_PRINCIPAL_DATA", "FALSE")
                        .equalsIgnoreCase("TRUE");
        var s3 = e.destinationConfigurations() == null
                ? null
                : e.destinationConfigurations().s3Destination();
        String destination = s3 == null ? "" : "s3://" + s3.s3Bucket() + "/" + s3.s3Prefix();
        String status = got.exportStatus() == null ? "" : got.exportStatus().statusCodeAsString();
        return new ExportSummary(e.name(), e.exportArn(), cur2, principal, destination, status == null ? "" : status);
    }
}
