package dev.tally.gateway.session;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tally.core.sts.SessionIdentity;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import dev.tally.ledger.ApiKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a key into the identity its calls are signed as: the session name from the template ({@code gw-{user}}
 * by default) and the tags {@code User} plus the key's own ({@code Project}, {@code Team}, {@code Tenant},
 * {@code CostCenter}, ...), renamed by the config's tag mapping and sanitized by core's STS rules, the ones
 * {@code tally creds} uses, so the bill's {@code user} dimension and the ledger's agree.
 */
public final class SessionIdentities {
    private final String template;
    private final Map<String, String> mapping;
    /** Sanitizing runs regular expressions over every tag: done once per key state, not once per request. */
    private final Cache<ApiKey, Identity> known =
            Caffeine.newBuilder().maximumSize(100_000).build();

    public SessionIdentities(String template, Map<String, String> mapping) {
        this.template = requireNonNull(template, "template is null");
        this.mapping = Map.copyOf(requireNonNull(mapping, "mapping is null"));
    }

    public Identity identityFor(ApiKey key) {
        return known.get(key, this::build);
    }

    private Identity build(ApiKey key) {
        String user = key.user();
        SessionName name = SessionName.sanitized(template.replace("{user}", user), "gw-user");
        List<SessionTag> tags = new ArrayList<>();
        tags.add(SessionTag.sanitized(SessionIdentity.USER_TAG, user.isBlank() ? "unknown" : user));
        // Key order, so that the same tag set always makes the same identity (and the same cache entry).
        new TreeMap<>(key.tags()).forEach((k, v) -> {
            String renamed = mapping.getOrDefault(k, k);
            if (renamed.isEmpty() || renamed.equalsIgnoreCase(SessionIdentity.USER_TAG)) {
                return;
            }
            SessionTag tag = SessionTag.sanitized(renamed, v);
            tags.removeIf(t -> t.key().equalsIgnoreCase(tag.key()));
            tags.add(tag);
        });
        return new Identity(user, name, SessionTags.of(tags));
    }
}
