package dev.tally.core.sts;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The session tags of one AssumeRole call: at most 50, and no two keys that differ only in case (AWS treats
 * keys case-insensitively).
 */
public record SessionTags(List<SessionTag> tags) {
    public static final int MAX_TAGS = 50;

    public SessionTags {
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        if (tags.size() > MAX_TAGS) {
            throw new StsRuleException(
                    "tags", tags.size() + " tags", "Member must have length less than or equal to 50");
        }
        Set<String> seen = new HashSet<>();
        for (SessionTag tag : tags) {
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw new StsRuleException(
                        "tags", tag.key(), "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    public static SessionTags of(List<SessionTag> tags) {
        return new SessionTags(tags);
    }

    public static SessionTags of(Map<String, String> tags) {
        return new SessionTags(tags.entrySet().stream()
                .map(e -> SessionTag.of(e.getKey(), e.getValue()))
                .toList());
    }

    /** The value of a key, matched case-insensitively as AWS does. */
    public Optional<String> value(String key) {
        return tags.stream()
                .filter(t -> t.key().equalsIgnoreCase(key))
                .map(SessionTag::value)
                .findFirst();
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }
}
