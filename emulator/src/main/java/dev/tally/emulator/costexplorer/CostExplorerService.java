package dev.tally.emulator.costexplorer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.auth.AwsJsonAuth;
import dev.tally.emulator.http.AwsJson;
import dev.tally.emulator.http.AwsJsonError;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.http.PageToken;
import dev.tally.emulator.inspect.CallLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Cost Explorer on AWS's JSON 1.1 protocol ({@code X-Amz-Target: AWSInsightsIndexService.<Operation>},
 * SigV4 service {@code ce}), answered from what the emulator really billed: GetCostAndUsage,
 * GetDimensionValues, ListCostAllocationTags and UpdateCostAllocationTagsStatus.
 */
public final class CostExplorerService {
    public static final String TARGET_PREFIX = "AWSInsightsIndexService";
    public static final String SIGNING_NAME = "ce";
    /** AWS's documented default page of ListCostAllocationTags, and its maximum. */
    private static final int TAGS_PAGE = 100;

    private static final int TAGS_MAX_PAGE = 1000;
    /** AWS's documented batch limit of UpdateCostAllocationTagsStatus. */
    private static final int MAX_STATUS_UPDATES = 20;

    private final AwsJsonAuth auth;
    private final Supplier<List<CurLineItem>> billed;
    private final Supplier<Instant> clock;
    private final int pageSize;
    private final CallLog log;
    private final CostAllocationTagRegistry tags = new CostAllocationTagRegistry();

    /**
     * @param billed every line item billed so far (the same ones the CUR 2.0 export holds)
     * @param clock emulated time: "today" for date checks, and the time of status changes
     * @param pageSize cells per GetCostAndUsage page and values per GetDimensionValues page (default)
     */
    public CostExplorerService(
            AwsJsonAuth auth, Supplier<List<CurLineItem>> billed, Supplier<Instant> clock, int pageSize, CallLog log) {
        this.auth = requireNonNull(auth, "auth is null");
        this.billed = requireNonNull(billed, "billed is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.pageSize = pageSize;
        this.log = requireNonNull(log, "log is null");
    }

    public void handle(Exchange exchange) {
        AwsJson.serve(
                exchange,
                TARGET_PREFIX,
                operation -> log.count("ce:" + operation),
                call -> auth.authenticate(call, SIGNING_NAME),
                (operation, body) -> {
                    LocalDate today = clock.get().atOffset(ZoneOffset.UTC).toLocalDate();
                    return switch (operation) {
                        case "GetCostAndUsage" ->
                            CostAndUsageAnswer.answer(
                                    CostAndUsageQuery.parse(body, today), billed.get(), tags, body, pageSize, today);
                        case "GetDimensionValues" -> dimensionValues(body, today);
                        case "ListCostAllocationTags" -> listTags(body);
                        case "UpdateCostAllocationTagsStatus" -> updateStatus(body);
                        default -> throw AwsJson.unknownOperation(TARGET_PREFIX, operation);
                    };
                });
    }

    private ObjectNode dimensionValues(ObjectNode body, LocalDate today) {
        DatePeriod period = DatePeriod.parse(body.get("TimePeriod"), today);
        CostDimension dimension = CostDimension.parse(body.path("Dimension").asText(""), "Dimension");
        String context = body.path("Context").asText("COST_AND_USAGE");
        if (!context.equals("COST_AND_USAGE")) {
            throw AwsJsonError.validation(
                    "Context " + context + " is not supported by the emulator (COST_AND_USAGE only)");
        }
        String search = body.path("SearchString").asText("").toLowerCase(Locale.ROOT);
        CostFilter filter = CostFilter.parse(body.get("Filter"));
        int max = maxResults(body, pageSize, Integer.MAX_VALUE);
        TreeSet<String> values = new TreeSet<>();
        for (CurLineItem item : billed.get()) {
            if (period.contains(item.usageStart().atOffset(ZoneOffset.UTC).toLocalDate())
                    && filter.test(item, tags.activeTagsOf(item))) {
                String value = dimension.valueOf(item);
                if (value.toLowerCase(Locale.ROOT).contains(search)) {
                    values.add(value);
                }
            }
        }
        List<String> all = List.copyOf(values);
        int offset = Math.min(
                PageToken.offset(body, "NextPageToken", PageToken::invalidNextToken, PageToken::requestChanged),
                all.size());
        int end = Math.min(all.size(), offset + max);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray("DimensionValues");
        all.subList(offset, end).forEach(v -> list.addObject().put("Value", v).putObject("Attributes"));
        out.put("ReturnSize", end - offset);
        out.put("TotalSize", all.size());
        if (end < all.size()) {
            out.put("NextPageToken", PageToken.next(body, "NextPageToken", end));
        }
        return out;
    }

    private ObjectNode listTags(ObjectNode body) {
        String status = body.path("Status").asText("");
        String type = body.path("Type").asText("");
        if (!status.isEmpty()
                && !status.equals(CostAllocationTagRegistry.ACTIVE)
                && !status.equals(CostAllocationTagRegistry.INACTIVE)) {
            throw enumError(status, "status", "[Active, Inactive]");
        }
        if (!type.isEmpty() && !type.equals("AWSGenerated") && !type.equals(CostAllocationTagRegistry.USER_DEFINED)) {
            throw enumError(type, "type", "[AWSGenerated, UserDefined]");
        }
        JsonNode keys = body.path("TagKeys");
        if (keys.isArray() && (keys.isEmpty() || keys.size() > 100)) {
            throw AwsJsonError.validation(
                    "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and 100");
        }
        Set<String> wanted = new HashSet<>();
        keys.forEach(k -> wanted.add(k.asText()));
        int max = maxResults(body, TAGS_PAGE, TAGS_MAX_PAGE);
        List<CostAllocationTagRegistry.TagKey> matching = tags.keys(billed.get()).stream()
                .filter(t -> status.isEmpty() || t.status().equals(status))
                .filter(t -> type.isEmpty() || type.equals(CostAllocationTagRegistry.USER_DEFINED))
                .filter(t -> wanted.isEmpty() || wanted.contains(t.key()))
                .toList();
        int offset = Math.min(
                PageToken.offset(body, "NextToken", PageToken::invalidNextToken, PageToken::invalidNextToken),
                matching.size());
        int end = Math.min(matching.size(), offset + max);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray("CostAllocationTags");
        for (CostAllocationTagRegistry.TagKey t : matching.subList(offset, end)) {
            ObjectNode tag = list.addObject()
                    .put("TagKey", t.key())
                    .put("Type", CostAllocationTagRegistry.USER_DEFINED)
                    .put("Status", t.status());
            t.lastUpdated().ifPresent(at -> tag.put("LastUpdatedDate", zoned(at)));
            tag.put("LastUsedDate", zoned(t.lastUsed()));
        }
        if (end < matching.size()) {
            out.put("NextToken", PageToken.next(body, "NextToken", end));
        }
        return out;
    }

    private ObjectNode updateStatus(ObjectNode body) {
        JsonNode entries = body.path("CostAllocationTagsStatus");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_STATUS_UPDATES) {
            throw AwsJsonError.validation(
                    "1 validation error detected: Value at 'costAllocationTagsStatus' failed to satisfy constraint: "
                            + "Member must have length less than or equal to " + MAX_STATUS_UPDATES
                            + " and greater than or equal to 1");
        }
        for (JsonNode e : entries) {
            String status = e.path("Status").asText("");
            if (!status.equals(CostAllocationTagRegistry.ACTIVE)
                    && !status.equals(CostAllocationTagRegistry.INACTIVE)) {
                throw enumError(status, "costAllocationTagsStatus.member.status", "[Active, Inactive]");
            }
            if (!e.hasNonNull("TagKey")) {
                throw AwsJsonError.validation(
                        "1 validation error detected: Value null at 'costAllocationTagsStatus.member.tagKey' failed to satisfy constraint: Member must not be null");
            }
        }
        Set<String> known = new HashSet<>();
        tags.keys(billed.get()).forEach(t -> known.add(t.key()));
        Instant now = clock.get();
        ObjectNode out = AwsJson.object();
        ArrayNode errors = out.putArray("Errors");
        for (JsonNode e : entries) {
            String key = e.get("TagKey").asText();
            if (known.contains(key)) {
                tags.setStatus(key, e.get("Status").asText(), now);
            } else {
                // Per-key failures come back in the 200 answer, as AWS documents; the code is the emulator's own.
                errors.addObject()
                        .put("TagKey", key)
                        .put("Code", "TagKeyNotFound")
                        .put(
                                "Message",
                                "Tag key '" + key
                                        + "' has not appeared on any billed usage; keys (case-sensitive) become "
                                        + "available after a call carrying them is billed");
            }
        }
        return out;
    }

    private static int maxResults(ObjectNode body, int defaultValue, int max) {
        if (!body.has("MaxResults")) {
            return defaultValue;
        }
        int n = body.get("MaxResults").asInt(0);
        if (n < 1 || n > max) {
            throw AwsJsonError.validation("1 validation error detected: Value '"
                    + body.get("MaxResults").asText()
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and " + max);
        }
        return n;
    }

    private static AwsJsonError enumError(String value, String field, String allowed) {
        return AwsJsonError.validation("1 validation error detected: Value '" + value + "' at '" + field
                + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
    }

    private static String zoned(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
