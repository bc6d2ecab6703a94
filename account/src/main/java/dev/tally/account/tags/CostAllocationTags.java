package dev.tally.account.tags;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.AwsCall;
import dev.tally.core.error.TallyException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTag;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatusEntry;
import software.amazon.awssdk.services.costexplorer.model.ListCostAllocationTagsResponse;
import software.amazon.awssdk.services.costexplorer.model.UpdateCostAllocationTagsStatusError;

/**
 * Cost allocation tags through Cost Explorer's API: their status (every page of ListCostAllocationTags) and
 * their activation (UpdateCostAllocationTagsStatus in batches of at most 20 keys, the API's limit, with each
 * key's error read from the answer body, where AWS reports them under HTTP 200). A key exists only after a
 * call carrying it was billed, and activation takes up to 48 hours to reach Cost Explorer and CUR.
 */
public final class CostAllocationTags {
    /** UpdateCostAllocationTagsStatus takes at most 20 entries per call. */
    public static final int MAX_KEYS_PER_UPDATE = 20;
    /** ListCostAllocationTags filters by at most 100 keys per call. */
    private static final int MAX_KEYS_PER_LIST = 100;

    private static final int MAX_KEY_LENGTH = 1024;

    private final CostExplorerClient ce;

    public CostAllocationTags(CostExplorerClient ce) {
        this.ce = requireNonNull(ce, "ce is null");
    }

    /** Every key AWS knows (all pages), or only {@code keys} (exact, case-sensitive) when some are given. */
    public List<TagStatus> list(List<String> keys) {
        List<String> wanted = checkedKeys(keys, false);
        List<TagStatus> out = new ArrayList<>();
        if (wanted.isEmpty()) {
            listInto(out, List.of());
        } else {
            for (int i = 0; i < wanted.size(); i += MAX_KEYS_PER_LIST) {
                listInto(out, wanted.subList(i, Math.min(wanted.size(), i + MAX_KEYS_PER_LIST)));
            }
        }
        out.sort(Comparator.comparing(TagStatus::key));
        return out;
    }

    /** Each asked key's status, empty for a key AWS does not know (it has not appeared on billed usage). */
    public Map<String, Optional<TagStatus>> status(List<String> keys) {
        Map<String, Optional<TagStatus>> out = new LinkedHashMap<>();
        List<TagStatus> known = list(keys);
        for (String k : checkedKeys(keys, true)) {
            out.put(k, known.stream().filter(t -> t.key().equals(k)).findFirst());
        }
        return out;
    }

    /** Activates the keys, 20 per call; one outcome per distinct key, in the order given. */
    public List<KeyOutcome> activate(List<String> keys) {
        List<String> distinct = checkedKeys(keys, true);
        List<KeyOutcome> out = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += MAX_KEYS_PER_UPDATE) {
            List<String> batch = distinct.subList(i, Math.min(distinct.size(), i + MAX_KEYS_PER_UPDATE));
            List<UpdateCostAllocationTagsStatusError> errors = AwsCall.costExplorer("UpdateCostAllocationTagsStatus")
                    .run(() -> ce.updateCostAllocationTagsStatus(r -> r.costAllocationTagsStatus(batch.stream()
                                    .map(k -> CostAllocationTagStatusEntry.builder()
                                            .tagKey(k)
                                            .status("Active")
                                            .build())
                                    .toList()))
                            .errors());
            for (String k : batch) {
                out.add(errors.stream()
                        .filter(e -> k.equals(e.tagKey()))
                        .findFirst()
                        .map(e -> new KeyOutcome(
                                k,
                                Optional.ofNullable(e.code()).or(() -> Optional.of("Error")),
                                Optional.ofNullable(e.message())))
                        .orElse(KeyOutcome.done(k)));
            }
        }
        return out;
    }

    /**
     * The key AWS uses for a tag the user names loosely ({@code project}): matched case-insensitively as the
     * whole key or as the part after a prefix ({@code iamPrincipal/Project}, or any {@code <source>/Project}),
     * because how AWS prefixes IAM principal tags in Cost Explorer is not documented. IAM principal keys come
     * first, then exact names; among equals an active key wins.
     */
    public Optional<TagStatus> resolve(String name) {
        return resolve(name, list(List.of()));
    }

    /** {@link #resolve(String)} against keys already listed: one listing serves several names. */
    public static Optional<TagStatus> resolve(String name, List<TagStatus> known) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(t -> {
                    String k = t.key().toLowerCase(Locale.ROOT);
                    return k.equals(wanted) || k.endsWith("/" + wanted);
                })
                .min(Comparator.comparing((TagStatus t) -> !t.key().regionMatches(true, 0, "iamPrincipal/", 0, 13))
                        .thenComparing(t -> !t.key().equalsIgnoreCase(wanted))
                        .thenComparing(t -> !t.active())
                        .thenComparing(TagStatus::key));
    }

    private void listInto(List<TagStatus> out, List<String> keys) {
        String token = null;
        do {
            String page = token;
            ListCostAllocationTagsResponse r = AwsCall.costExplorer("ListCostAllocationTags")
                    .run(() -> ce.listCostAllocationTags(b -> b.nextToken(page).tagKeys(keys.isEmpty() ? null : keys)));
            for (CostAllocationTag t : r.costAllocationTags()) {
                out.add(new TagStatus(
                        t.tagKey(),
                        t.typeAsString(),
                        "Active".equals(t.statusAsString()),
                        instant(t.lastUpdatedDate()),
                        instant(t.lastUsedDate())));
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
    }

    private static List<String> checkedKeys(List<String> keys, boolean required) {
        if (required && keys.isEmpty()) {
            throw TallyException.usage("name at least one tag key (e.g. iamPrincipal/Project)");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String k : keys) {
            if (k == null || k.isBlank() || k.length() > MAX_KEY_LENGTH) {
                throw TallyException.usage("tag key '" + (k == null ? "" : k) + "' must be 1 to " + MAX_KEY_LENGTH
                        + " characters and not blank");
            }
            distinct.add(k);
        }
        return List.copyOf(distinct);
    }

    private static Optional<Instant> instant(String zoned) {
        if (zoned == null || zoned.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(zoned).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
