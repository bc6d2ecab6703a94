package dev.tally.gateway.session;

import static java.util.Objects.requireNonNull;

import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who a request is billed to: the user, and the session name and tags its AssumeRole carries, already valid by
 * core's STS rules. One cached session per identity: two keys for the same user and tags share it.
 */
public record Identity(String user, SessionName sessionName, SessionTags tags) {
    public Identity {
        requireNonNull(user, "user is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(tags, "tags is null");
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
