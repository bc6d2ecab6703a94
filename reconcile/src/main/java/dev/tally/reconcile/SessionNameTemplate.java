package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.util.Optional;

/**
 * The gateway's session-name template ({@code --session-name}, default {@code gw-{user}}) read backwards: which user a
 * session of that name stands for. Used for billed sessions the ledger does not know; a session the ledger knows takes
 * its user from the ledger, which records it unsanitized.
 */
public record SessionNameTemplate(String text) {
    public static final SessionNameTemplate DEFAULT = new SessionNameTemplate("gw-{user}");
    private static final String USER = "{user}";

    public SessionNameTemplate {
        requireNonNull(text, "text is null");
    }

    public static SessionNameTemplate parse(String text) {
        if (text == null || text.indexOf(USER) < 0 || text.indexOf(USER) != text.lastIndexOf(USER)) {
            throw TallyException.usage("--session-name '" + text + "' must hold {user} once (the gateway's default is "
                    + DEFAULT.text + ")");
        }
        return new SessionNameTemplate(text);
    }

    /** The user a session name stands for, when the name has the template's shape. */
    public Optional<String> userOf(String sessionName) {
        int at = text.indexOf(USER);
        String prefix = text.substring(0, at);
        String suffix = text.substring(at + USER.length());
        if (sessionName.length() > prefix.length() + suffix.length()
                && sessionName.startsWith(prefix)
                && sessionName.endsWith(suffix)) {
            return Optional.of(sessionName.substring(prefix.length(), sessionName.length() - suffix.length()));
        }
        return Optional.empty();
    }
}
