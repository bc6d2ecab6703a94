package dev.tally.emulator.dataexports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.emulator.auth.AwsJsonAuth;
import dev.tally.emulator.http.AwsJson;
import dev.tally.emulator.http.AwsJsonError;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.http.PageToken;
import dev.tally.emulator.inspect.CallLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Data Exports on AWS's JSON 1.1 protocol ({@code X-Amz-Target: AWSBillingAndCostManagementDataExports.<Operation>},
 * SigV4 service {@code bcm-data-exports}): CreateExport, GetExport, ListExports and UpdateExport, kept in
 * memory. Exports are validated and listed; the emulator delivers none of them to S3 (its own CUR 2.0
 * export is the {@code --cur-out} folder).
 */
public final class DataExportsService {
    public static final String TARGET_PREFIX = "AWSBillingAndCostManagementDataExports";
    public static final String SIGNING_NAME = "bcm-data-exports";
    private static final int LIST_PAGE = 20;
    private static final int LIST_MAX_PAGE = 300;

    private record Stored(ObjectNode export, Instant created, Instant updated) {}

    private final AwsJsonAuth auth;
    private final String accountId;
    private final Supplier<Instant> clock;
    private final CallLog log;
    private final Map<String, Stored> exports = new LinkedHashMap<>();

    public DataExportsService(AwsJsonAuth auth, String accountId, Supplier<Instant> clock, CallLog log) {
        this.auth = requireNonNull(auth, "auth is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.log = requireNonNull(log, "log is null");
    }

    public void handle(Exchange exchange) {
        AwsJson.serve(
                exchange,
                TARGET_PREFIX,
                operation -> log.count("bcm-data-exports:" + operation),
                call -> auth.authenticate(call, SIGNING_NAME),
                (operation, body) -> {
                    synchronized (exports) {
                        return switch (operation) {
                            case "CreateExport" -> create(body);
                            case "GetExport" -> get(body);
                            case "ListExports" -> list(body);
                            case "UpdateExport" -> update(body);
                            default -> throw AwsJson.unknownOperation(TARGET_PREFIX, operation);
                        };
                    }
                });
    }

    private ObjectNode create(ObjectNode body) {
        JsonNode export = body.get("Export");
        ExportDefinition.check(export);
        String name = export.get("Name").asText();
        if (byName(name).isPresent()) {
            throw AwsJsonError.validation("An export named " + name + " already exists in this account");
        }
        String arn = "arn:aws:bcm-data-exports:us-east-1:" + accountId + ":export/" + name + "-" + UUID.randomUUID();
        Instant now = clock.get();
        exports.put(arn, new Stored(ExportDefinition.stored(export, arn), now, now));
        return AwsJson.object().put("ExportArn", arn);
    }

    private ObjectNode update(ObjectNode body) {
        String arn = body.path("ExportArn").asText("");
        Stored old = find(arn);
        JsonNode export = body.get("Export");
        ExportDefinition.check(export);
        if (!export.get("Name").asText().equals(old.export().get("Name").asText())) {
            throw AwsJsonError.validation("An export's name cannot be changed");
        }
        exports.put(arn, new Stored(ExportDefinition.stored(export, arn), old.created(), clock.get()));
        return AwsJson.object().put("ExportArn", arn);
    }

    private ObjectNode get(ObjectNode body) {
        Stored s = find(body.path("ExportArn").asText(""));
        ObjectNode out = AwsJson.object();
        out.set("Export", s.export().deepCopy());
        out.set("ExportStatus", status(s));
        return out;
    }

    private ObjectNode list(ObjectNode body) {
        int max = LIST_PAGE;
        if (body.has("MaxResults")) {
            max = body.get("MaxResults").asInt(0);
            if (max < 1 || max > LIST_MAX_PAGE) {
                throw AwsJsonError.validation(
                        "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 300");
            }
        }
        List<Stored> all = new ArrayList<>(exports.values());
        int offset = Math.min(
                PageToken.offset(body, "NextToken", DataExportsService::invalidToken, DataExportsService::invalidToken),
                all.size());
        int end = Math.min(all.size(), offset + max);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray("Exports");
        for (Stored s : all.subList(offset, end)) {
            ObjectNode ref = list.addObject();
            ref.put("ExportArn", s.export().get("ExportArn").asText());
            ref.put("ExportName", s.export().get("Name").asText());
            ref.set("ExportStatus", status(s));
        }
        if (end < all.size()) {
            out.put("NextToken", PageToken.next(body, "NextToken", end));
        }
        return out;
    }

    private Stored find(String arn) {
        Stored s = exports.get(arn);
        if (s == null) {
            throw new AwsJsonError(
                    400,
                    "ResourceNotFoundException",
                    "Export " + arn + " was not found",
                    Map.of("ResourceId", arn, "ResourceType", "Export"));
        }
        return s;
    }

    private Optional<Stored> byName(String name) {
        return exports.values().stream()
                .filter(s -> s.export().get("Name").asText().equals(name))
                .findFirst();
    }

    /** The model declares these timestamps {@code iso8601} (JSON's default would be epoch seconds). */
    private static ObjectNode status(Stored s) {
        ObjectNode st = AwsJson.object();
        st.put("StatusCode", "HEALTHY");
        st.put("CreatedAt", s.created().truncatedTo(ChronoUnit.SECONDS).toString());
        st.put("LastUpdatedAt", s.updated().truncatedTo(ChronoUnit.SECONDS).toString());
        return st;
    }

    /** Data Exports answers a token it did not make with a ValidationException. */
    private static AwsJsonError invalidToken() {
        return AwsJsonError.validation("The NextToken is invalid");
    }
}
