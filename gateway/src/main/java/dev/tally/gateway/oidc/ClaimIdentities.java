package dev.tally.gateway.oidc;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tally.core.sts.SessionIdentity;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import dev.tally.core.sts.StsRuleException;
import dev.tally.gateway.config.Oidc;
import dev.tally.gateway.session.Identity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns a verified token's claims into the identity its calls are signed as, the way {@code SessionIdentities}
 * does for a key: the user from the user claim, the session name from the template with the session-name claim,
 * session tags from AWS's tags claim and the configured tag claims, renamed by the config's tag mapping, every
 * name and value sanitized by core's STS rules (what {@code tally creds} and the key path use too).
 *
 * <p>AWS's claim is {@code {"principal_tags": {"Team": ["search"]}, "transitive_tag_keys": ["Team"]}}; some
 * providers put that object in a one-element array, which is read the same.
 */
public final class ClaimIdentities {
    private final Oidc oidc;
    private final String template;
    private final Map<String, String> renames;

    public ClaimIdentities(Oidc oidc, String template, Map<String, String> renames) {
        this.oidc = requireNonNull(oidc, "oidc is null");
        this.template = requireNonNull(template, "template is null");
        this.renames = Map.copyOf(requireNonNull(renames, "renames is null"));
    }

    /** The identity, or why the claims cannot make one (for the log). */
    public Identity identityFor(JWTClaimsSet claims) throws TokenVerifier.Rejected {
        String user = text(claims.getClaim(oidc.userClaim()));
        if (user == null || user.isBlank()) {
            throw new TokenVerifier.Rejected("the user claim '" + oidc.userClaim() + "' is empty or not a string");
        }
        String nameValue = text(claims.getClaim(oidc.sessionNameClaim()));
        SessionName name = SessionName.sanitized(
                template.replace("{user}", nameValue == null || nameValue.isBlank() ? user : nameValue), "gw-user");
        Map<String, String> raw = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> transitive = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (oidc.awsTags()) {
            awsTags(claims.getClaim(Oidc.AWS_TAGS_CLAIM), raw, transitive);
        }
        oidc.tagClaims().forEach((tag, claim) -> {
            String v = text(claims.getClaim(claim));
            if (v != null) {
                raw.put(tag, v);
            }
        });
        List<SessionTag> tags = new ArrayList<>();
        tags.add(SessionTag.sanitized(SessionIdentity.USER_TAG, user));
        Map<String, String> finalNames = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String renamed = renames.getOrDefault(e.getKey(), e.getKey());
            if (renamed.isEmpty() || renamed.equalsIgnoreCase(SessionIdentity.USER_TAG)) {
                continue;
            }
            SessionTag tag;
            try {
                tag = SessionTag.sanitized(renamed, e.getValue());
            } catch (StsRuleException ex) {
                throw new TokenVerifier.Rejected(
                        "claim tag " + renamed + " cannot be a session tag: " + ex.constraint());
            }
            tags.removeIf(t -> t.key().equalsIgnoreCase(tag.key()));
            tags.add(tag);
            finalNames.put(e.getKey().toLowerCase(java.util.Locale.ROOT), tag.key());
        }
        if (tags.size() > SessionTags.MAX_TAGS) {
            throw new TokenVerifier.Rejected(
                    "the token maps to " + tags.size() + " session tags; STS takes at most " + SessionTags.MAX_TAGS);
        }
        List<String> transitiveKeys = new ArrayList<>();
        for (String k : transitive) {
            String finalName = finalNames.get(k.toLowerCase(java.util.Locale.ROOT));
            if (finalName != null) {
                transitiveKeys.add(finalName); // STS refuses a transitive key that is not a tag of the session
            }
        }
        return new Identity(user, name, SessionTags.of(tags), transitiveKeys);
    }

    private static void awsTags(Object claim, Map<String, String> tags, Set<String> transitive) {
        if (claim instanceof List<?> list && list.size() == 1) {
            claim = list.getFirst();
        }
        if (!(claim instanceof Map<?, ?> map)) {
            return;
        }
        if (map.get("principal_tags") instanceof Map<?, ?> principal) {
            principal.forEach((k, v) -> {
                String value = text(v);
                if (k instanceof String key && value != null) {
                    tags.put(key, value);
                }
            });
        }
        if (map.get("transitive_tag_keys") instanceof Collection<?> keys) {
            keys.forEach(k -> {
                if (k instanceof String key) {
                    transitive.add(key);
                }
            });
        }
    }

    /** A claim as one string: strings, numbers and booleans as written, an array by its first value. */
    private static @Nullable String text(@Nullable Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.isEmpty() ? null : text(values.iterator().next());
        }
        if (claim instanceof String || claim instanceof Number || claim instanceof Boolean) {
            return claim.toString();
        }
        return null;
    }
}
