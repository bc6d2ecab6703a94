package dev.tally.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a request is billed to: the user, and the session name and tags its AssumeRole carries, already valid by
 * core's STS rules, and the tag keys that stay on the session through role chaining ({@code TransitiveTagKeys},
 * from an OIDC token's AWS tags claim). One cached session per identity: two keys for the same user and tags share it.
 */
public record Identity(String user, SessionName sessionName, SessionTags tags, List<String> transitiveTagKeys) {
    public Identity {
        requireNonNull(user, "user is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(tags, "tags is null");
        transitiveTagKeys = List.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
    }

    /** An identity whose tags do not pass on to role chaining (every key's). */
    public Identity(String user, SessionName sessionName, SessionTags tags) {
        this(user, sessionName, tags, List.of());
    }

    /** The tags as a map, in AssumeRole order ({@code User} first). */
    public Map<String, String> tagMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (SessionTag t : tags.tags()) {
            map.put(t.key(), t.value());
        }
        return map;
    }
}
