package dev.tally.emulator.costexplorer;

import dev.tally.cur.CurLineItem;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cost allocation tags as the Billing console keeps them. A key exists only once a call carrying it was
 * billed (AWS lists a key after it appeared on usage); every key starts {@code Inactive}; as on AWS only
 * active keys group and filter in Cost Explorer, and activation is not retroactive: a key tags usage that
 * starts at or after its activation (emulated time), older usage stays untagged. Activation takes effect at
 * once here, where AWS takes up to 24-48 hours.
 *
 * <p>Keys are named as the CUR 2.0 {@code tags} map names them: an IAM principal or session tag {@code Project}
 * is {@code iamPrincipal/Project} (AWS's own spelling in Cost Explorer is unconfirmed, aws-facts.md section
 * 7; clients discover keys with ListCostAllocationTags instead of assuming a prefix). Resource tags
 * ({@code resource_tags} {@code user_team}) are {@code team}. All of them are {@code UserDefined}.
 */
final class CostAllocationTagRegistry {
    static final String ACTIVE = "Active";
    static final String INACTIVE = "Inactive";
    static final String USER_DEFINED = "UserDefined";

    /** One key as ListCostAllocationTags reports it. */
    record TagKey(String key, String status, Optional<Instant> lastUpdated, Instant lastUsed) {}

    private record Change(String status, Instant at) {}

    private final Map<String, Change> changes = new ConcurrentHashMap<>();

    /** The line item's tags by their Cost Explorer key, active or not. */
    static Map<String, String> tagsOf(CurLineItem item) {
        if (item.resourceTags().isEmpty()) {
            return item.tags();
        }
        Map<String, String> out = new HashMap<>(item.tags());
        item.resourceTags().forEach((k, v) -> out.put(k.startsWith("user_") ? k.substring(5) : k, v));
        return out;
    }

    /** The line item's tags whose keys were active cost allocation tags when its usage started. */
    Map<String, String> activeTagsOf(CurLineItem item) {
        Map<String, String> all = tagsOf(item);
        if (all.isEmpty() || changes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        all.forEach((k, v) -> {
            Change c = changes.get(k);
            if (c != null && c.status().equals(ACTIVE) && !c.at().isAfter(item.usageStart())) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Every key billed so far, sorted, with its status. */
    List<TagKey> keys(List<CurLineItem> billed) {
        Map<String, Instant> lastUsed = new TreeMap<>();
        for (CurLineItem item : billed) {
            tagsOf(item).keySet().forEach(k -> lastUsed.merge(k, item.usageStart(), (a, b) -> a.isAfter(b) ? a : b));
        }
        return lastUsed.entrySet().stream()
                .map(e -> {
                    Change c = changes.get(e.getKey());
                    return new TagKey(
                            e.getKey(),
                            c == null ? INACTIVE : c.status(),
                            Optional.ofNullable(c).map(Change::at),
                            e.getValue());
                })
                .toList();
    }

    /** Sets a billed key's status; setting the status it already has changes nothing, as AWS documents. */
    void setStatus(String key, String status, Instant now) {
        changes.compute(
                key,
                (k, old) -> old != null && old.status().equals(status)
                        ? old
                        : old == null && status.equals(INACTIVE) ? null : new Change(status, now));
    }
}
