package dev.tally.core.principal;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM principal a Bedrock call was billed to, parsed from the ARN that billing records
 * ({@code line_item_iam_principal}).
 *
 * <p>Forms (aws-facts.md section 1): IAM user {@code arn:aws:iam::ACCOUNT:user[/path]/NAME}; Bedrock API
 * key, an IAM user named {@code BedrockAPIKey-...}; assumed role {@code
 * arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}; federated, an assumed role whose session name is an
 * email address (a heuristic: the ARN itself does not say), or {@code federated-user/NAME} from
 * GetFederationToken. The account root and a bare role ARN are accepted too.
 */
public record Principal(
        String arn,
        PrincipalKind kind,
        String partition,
        String accountId,
        Optional<String> userName,
        Optional<String> roleName,
        Optional<String> sessionName) {

    private static final Pattern ARN =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):(iam|sts)::(\\d{12}):(.+)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String API_KEY_USER_PREFIX = "BedrockAPIKey-";

    /** The principal of a line item that has none (non-Bedrock rows, rows before attribution). */
    public static final Principal NONE =
            new Principal("", PrincipalKind.NONE, "", "", Optional.empty(), Optional.empty(), Optional.empty());

    public Principal {
        requireNonNull(arn, "arn is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(roleName, "roleName is null");
        requireNonNull(sessionName, "sessionName is null");
    }

    /**
     * Parses a principal ARN; blank input is {@link #NONE}.
     *
     * @throws TallyException (usage) naming the ARN and the forms expected; a caller reading data, not user input,
     *     catches it and says so
     */
    public static Principal parse(String arn) {
        if (arn == null || arn.isBlank()) {
            return NONE;
        }
        String text = arn.strip();
        Matcher m = ARN.matcher(text);
        if (!m.matches()) {
            throw invalid(text);
        }
        String partition = m.group(1);
        String service = m.group(2);
        String account = m.group(3);
        String resource = m.group(4);
        if (service.equals("iam")) {
            if (resource.equals("root")) {
                return new Principal(
                        text,
                        PrincipalKind.USER,
                        partition,
                        account,
                        Optional.of("root"),
                        Optional.empty(),
                        Optional.empty());
            }
            if (resource.startsWith("user/")) {
                String name = lastSegment(resource, text);
                PrincipalKind kind = name.startsWith(API_KEY_USER_PREFIX) ? PrincipalKind.API_KEY : PrincipalKind.USER;
                return new Principal(
                        text, kind, partition, account, Optional.of(name), Optional.empty(), Optional.empty());
            }
            if (resource.startsWith("role/")) {
                return new Principal(
                        text,
                        PrincipalKind.ASSUMED_ROLE,
                        partition,
                        account,
                        Optional.empty(),
                        Optional.of(lastSegment(resource, text)),
                        Optional.empty());
            }
            throw invalid(text);
        }
        if (resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", -1);
            if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw invalid(text);
            }
            String session = parts[2];
            PrincipalKind kind =
                    EMAIL.matcher(session).matches() ? PrincipalKind.FEDERATED : PrincipalKind.ASSUMED_ROLE;
            return new Principal(
                    text, kind, partition, account, Optional.empty(), Optional.of(parts[1]), Optional.of(session));
        }
        if (resource.startsWith("federated-user/")) {
            return new Principal(
                    text,
                    PrincipalKind.FEDERATED,
                    partition,
                    account,
                    Optional.of(lastSegment(resource, text)),
                    Optional.empty(),
                    Optional.empty());
        }
        throw invalid(text);
    }

    /** An assumed-role session ARN, as STS returns it in {@code AssumedRoleUser.Arn}. */
    public static Principal assumedRole(String partition, String accountId, String roleName, String sessionName) {
        return parse("arn:" + partition + ":sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName);
    }

    /**
     * Who the call was for, before tags: the IAM user name, else the session name (federated sessions are
     * named by the person's email address).
     */
    public Optional<String> user() {
        return userName.isPresent() ? userName : sessionName;
    }

    private static String lastSegment(String resource, String arn) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw invalid(arn);
        }
        return name;
    }

    private static TallyException invalid(String arn) {
        return TallyException.usage("not an IAM principal ARN: '" + arn + "' (expected arn:aws:iam::ACCOUNT:user/NAME, "
                + "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or arn:aws:sts::ACCOUNT:federated-user/NAME)");
    }
}
