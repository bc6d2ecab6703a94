package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import dev.tally.core.principal.Principal;
import java.util.Optional;

/**
 * The gateway's role ({@code --role}): the bill's principals a reconciliation compares when the same account also
 * pays for people's own sessions of other roles and for IAM users, which are no traffic around the gateway. Sessions
 * of this role the ledger does not know still are: bypassing the gateway with its own role is what reconcile exists
 * to catch.
 *
 * @param name the role's name
 * @param accountId the role's account when given as an ARN; any account when given by name
 */
public record RoleScope(String name, Optional<String> accountId) {
    public RoleScope {
        requireNonNull(name, "name is null");
        requireNonNull(accountId, "accountId is null");
    }

    /** Parses a role name ({@code tally-gateway}) or ARN ({@code arn:aws:iam::123456789012:role/tally-gateway}). */
    public static RoleScope parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("arn:")) {
            Principal p;
            try {
                p = Principal.parse(t);
            } catch (TallyException e) {
                p = Principal.NONE;
            }
            if (p.roleName().isEmpty() || p.sessionName().isPresent()) {
                throw invalid(text);
            }
            return new RoleScope(p.roleName().orElseThrow(), Optional.of(p.accountId()));
        }
        if (!AwsLimits.isIamName(t)) {
            throw invalid(text);
        }
        return new RoleScope(t, Optional.empty());
    }

    /** Whether a billed principal is a session of this role. */
    public boolean holds(String principalArn) {
        Principal p;
        try {
            p = Principal.parse(principalArn);
        } catch (TallyException e) {
            return false;
        }
        return p.sessionName().isPresent()
                && p.roleName().equals(Optional.of(name))
                && accountId.map(p.accountId()::equals).orElse(true);
    }

    /** The role of a billed principal that is a role session, for naming the roles a bill holds. */
    static Optional<String> roleOfSession(String principalArn) {
        try {
            Principal p = Principal.parse(principalArn);
            return p.sessionName().isPresent() ? p.roleName() : Optional.empty();
        } catch (TallyException e) {
            return Optional.empty();
        }
    }

    private static TallyException invalid(String text) {
        return TallyException.usage("--role '" + text + "' is not a role name or role ARN (expected e.g. tally-gateway"
                + " or arn:aws:iam::123456789012:role/tally-gateway)");
    }
}
