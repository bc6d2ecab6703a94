package dev.tally.account.iam;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.principal.Principal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The principal a role's trust policy names: an IAM user, another role, or a whole account
 * ({@code arn:aws:iam::123456789012:root}, also accepted as the bare account id).
 *
 * <p>Session ARNs are refused. An assumed-role ARN ({@code arn:aws:sts::...:assumed-role/ROLE/SESSION})
 * names one session of one role: IAM matches it only while the session name stays exactly the same, and
 * SSO or federated sessions are renamed at will, so trust written that way breaks silently. The role itself
 * ({@code arn:aws:iam::ACCOUNT:role[/path]/ROLE}) is what to trust. Federated-user ARNs are refused for the
 * same reason.
 */
public record TrustedPrincipal(String arn, String partition, String accountId, Kind kind) {
    public enum Kind {
        USER,
        ROLE,
        ACCOUNT
    }

    /** The partitions a Bedrock role can live in; Tally does not target the isolated ones. */
    public static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov");

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final String EXPECTED = "expected arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME or "
            + "arn:aws:iam::ACCOUNT:root (partitions aws, aws-cn, aws-us-gov)";

    public TrustedPrincipal {
        requireNonNull(arn, "arn is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
    }

    /**
     * Parses a principal for a trust policy.
     *
     * @throws TallyException (usage) naming the value and the forms expected
     */
    public static TrustedPrincipal parse(String text) {
        String value = text == null ? "" : text.strip();
        if (ACCOUNT_ID.matcher(value).matches()) {
            return new TrustedPrincipal("arn:aws:iam::" + value + ":root", "aws", value, Kind.ACCOUNT);
        }
        Principal p;
        try {
            p = Principal.parse(value);
        } catch (TallyException e) {
            throw TallyException.usage("principal '" + value + "' is not an IAM principal ARN (" + EXPECTED + ")");
        }
        if (p.kind() == dev.tally.core.principal.PrincipalKind.NONE) {
            throw TallyException.usage("principal is empty (" + EXPECTED + ")");
        }
        if (!PARTITIONS.contains(p.partition())) {
            throw TallyException.usage(
                    "principal '" + value + "' is in partition " + p.partition() + " (" + EXPECTED + ")");
        }
        if (p.sessionName().isPresent()) {
            String role = p.roleName().orElse("ROLE");
            throw TallyException.usage("principal '" + value
                    + "' is an assumed-role session, which a trust policy matches only "
                    + "while the session name stays the same; trust the role instead: arn:" + p.partition() + ":iam::"
                    + p.accountId() + ":role/" + role
                    + " (SSO roles carry a path: role/aws-reserved/sso.amazonaws.com/...)");
        }
        if (value.contains(":federated-user/")) {
            throw TallyException.usage("principal '" + value + "' is a federated-user session, which cannot be trusted "
                    + "across sessions; trust the IAM user or role that federates (" + EXPECTED + ")");
        }
        Kind kind = value.endsWith(":root") ? Kind.ACCOUNT : value.contains(":role/") ? Kind.ROLE : Kind.USER;
        return new TrustedPrincipal(value, p.partition(), p.accountId(), kind);
    }
}
