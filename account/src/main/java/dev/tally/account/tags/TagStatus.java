package dev.tally.account.tags;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** One cost allocation tag key as ListCostAllocationTags reports it. */
public record TagStatus(
        String key, String type, boolean active, Optional<Instant> lastUpdated, Optional<Instant> lastUsed) {
    public TagStatus {
        requireNonNull(key, "key is null");
        requireNonNull(type, "type is null");
        requireNonNull(lastUpdated, "lastUpdated is null");
        requireNonNull(lastUsed, "lastUsed is null");
    }

    public String status() {
        return active ? "Active" : "Inactive";
    }
}
