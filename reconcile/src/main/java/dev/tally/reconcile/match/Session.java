package dev.tally.reconcile.match;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What reconcile knows of an assumed-role session: its name, the user it stands for and its session tags (keys lower
 * case, as tags match), and whether the ledger knows it.
 */
public record Session(String arn, String name, String user, Map<String, String> tags, boolean known) {
    public Session {
        requireNonNull(arn, "arn is null");
        requireNonNull(name, "name is null");
        requireNonNull(user, "user is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
    }
}
