package dev.tally.core.sts;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a Bedrock session is for: a project (the git repository) and a user, plus extra tags. It yields the
 * session name and session tags of the AssumeRole call, already sanitized to STS's rules, so that
 * {@code tally creds}, the gateway and the demo name sessions the same way.
 */
public record SessionIdentity(String project, String user, Map<String, String> extraTags) {
    public static final String PROJECT_TAG = "Project";
    public static final String USER_TAG = "User";

    public SessionIdentity {
        requireNonNull(project, "project is null");
        requireNonNull(user, "user is null");
        extraTags = Map.copyOf(requireNonNull(extraTags, "extraTags is null"));
    }

    public static SessionIdentity of(String project, String user) {
        return new SessionIdentity(project, user, Map.of());
    }

    /**
     * {@code <prefix>-<project>-<epoch seconds>}, the shape of the shell recipe Tally replaces. The project part
     * is cut first, so the prefix and the timestamp always survive the 64-character limit.
     */
    public SessionName sessionName(String prefix, long epochSeconds) {
        String head = SessionName.sanitized(prefix, "cc").value();
        String tail = Long.toString(epochSeconds);
        int room = SessionName.MAX_LENGTH - head.length() - tail.length() - 2;
        String middle = room > 0 ? SessionName.sanitized(project, "project").value() : "";
        if (middle.length() > room) {
            middle = middle.substring(0, Math.max(room, 0));
        }
        String name = middle.isEmpty() ? head + "-" + tail : head + "-" + middle + "-" + tail;
        return SessionName.sanitized(name, "cc-" + tail);
    }

    /** Project and User first, then the extra tags in key order; a later key replaces an earlier one. */
    public SessionTags tags() {
        List<SessionTag> tags = new ArrayList<>();
        tags.add(SessionTag.sanitized(PROJECT_TAG, project.isBlank() ? "unknown" : project));
        tags.add(SessionTag.sanitized(USER_TAG, user.isBlank() ? "unknown" : user));
        extraTags.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> SessionTag.sanitized(e.getKey(), e.getValue()))
                .forEach(tag -> {
                    tags.removeIf(t -> t.key().equalsIgnoreCase(tag.key()));
                    tags.add(tag);
                });
        return SessionTags.of(tags);
    }
}
