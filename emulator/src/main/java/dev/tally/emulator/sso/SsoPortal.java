package dev.tally.emulator.sso;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTags;
import dev.tally.emulator.auth.CredentialStore;
import dev.tally.emulator.auth.SessionCredentials;
import dev.tally.emulator.http.AwsJson;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.http.HttpCall;
import dev.tally.emulator.http.Reply;
import dev.tally.emulator.inspect.CallLog;
import java.time.Duration;
import java.util.Map;

/**
 * IAM Identity Center's portal API, the one call an SSO profile makes: {@code GET /federation/credentials
 * ?account_id=&role_name=} with the cached access token in {@code x-amz-sso_bearer_token} (REST-JSON, no
 * SigV4), answered with one hour of credentials for the role session Identity Center creates,
 * {@code assumed-role/AWSReservedSSO_<role>_<id>/<user>}. Any non-empty token is accepted and names no one in
 * particular (the session is {@code sso-user}): the emulator plays the portal, not the login.
 */
public final class SsoPortal {
    public static final String PATH = "/federation/credentials";
    private static final Duration VALIDITY = Duration.ofHours(1);

    private final String accountId;
    private final CredentialStore credentials;
    private final CallLog log;

    public SsoPortal(String accountId, CredentialStore credentials, CallLog log) {
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.log = requireNonNull(log, "log is null");
    }

    public void handle(Exchange exchange) {
        log.count("sso:GetRoleCredentials");
        HttpCall call = exchange.call();
        String token = call.header("x-amz-sso_bearer_token").orElse("");
        String account = call.queryParameter("account_id").orElse("");
        String role = call.queryParameter("role_name").orElse("");
        if (!call.method().equals("GET")) {
            exchange.reply(Reply.restJsonError(400, "InvalidRequestException", "GetRoleCredentials is a GET"));
        } else if (token.isBlank()) {
            exchange.reply(Reply.restJsonError(401, "UnauthorizedException", "Session token not found or invalid"));
        } else if (account.isEmpty() || role.isEmpty()) {
            exchange.reply(
                    Reply.restJsonError(400, "InvalidRequestException", "account_id and role_name are required"));
        } else if (!account.equals(accountId)) {
            exchange.reply(Reply.restJsonError(403, "ForbiddenException", "No access"));
        } else {
            // Identity Center names the role it provisions AWSReservedSSO_<permission set>_<16 hex digits>.
            String roleName =
                    "AWSReservedSSO_" + role + "_" + String.format("%016x", (long) role.hashCode() & 0xffffffffL);
            SessionCredentials issued =
                    credentials.issue(roleName, SessionName.of("sso-user"), SessionTags.of(Map.of()), VALIDITY);
            ObjectNode body = AwsJson.object();
            body.putObject("roleCredentials")
                    .put("accessKeyId", issued.accessKeyId())
                    .put("secretAccessKey", issued.secretAccessKey())
                    .put("sessionToken", issued.sessionToken())
                    .put("expiration", issued.expiration().toEpochMilli());
            exchange.reply(Reply.json(200, body));
        }
    }
}
