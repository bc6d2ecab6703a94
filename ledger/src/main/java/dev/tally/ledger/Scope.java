package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.util.Locale;

/**
 * Who a budget or a limit is for: {@code user:alice}, {@code team:search}, {@code tenant:acme},
 * {@code project:checkout} or {@code key:key_0123...}. A request belongs to one scope of each kind it has (its key,
 * its user, and the Team, Tenant and Project tags of its key).
 */
public record Scope(Kind kind, String name) {
    public enum Kind {
        USER,
        TEAM,
        TENANT,
        PROJECT,
        KEY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Scope {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("scope name is blank");
        }
    }

    public static Scope of(Kind kind, String name) {
        return new Scope(kind, name);
    }

    /**
     * Parses {@code KIND:NAME}.
     *
     * @throws TallyException USAGE for anything else
     */
    public static Scope parse(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        String expected = "expected user:U, team:T, tenant:X, project:P or key:ID";
        if (colon <= 0 || colon == t.length() - 1) {
            throw TallyException.usage("scope '" + t + "': " + expected);
        }
        String kind = t.substring(0, colon).toUpperCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.name().equals(kind)) {
                return new Scope(k, t.substring(colon + 1));
            }
        }
        throw TallyException.usage("scope '" + t + "': unknown kind '" + t.substring(0, colon) + "'; " + expected);
    }

    @Override
    public String toString() {
        return kind.label() + ":" + name;
    }
}
