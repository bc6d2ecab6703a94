package dev.tally.emulator.sts;

import static java.util.Objects.requireNonNull;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import dev.tally.core.sts.StsRuleException;
import dev.tally.emulator.Role;
import dev.tally.emulator.auth.AuthFailure;
import dev.tally.emulator.auth.CredentialStore;
import dev.tally.emulator.auth.Identity;
import dev.tally.emulator.auth.SessionCredentials;
import dev.tally.emulator.auth.SigV4Verifier;
import dev.tally.emulator.fault.FaultPlan;
import dev.tally.emulator.fault.Outcome;
import dev.tally.emulator.http.HttpCall;
import dev.tally.emulator.http.Reply;
import dev.tally.emulator.inspect.CallLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * STS's Query API on {@code POST /}: AssumeRole with AWS's parameter validation and the TagSession check,
 * and GetCallerIdentity. Name and tag rules are core's {@link SessionName} and {@link SessionTag}, the same
 * ones creds and the gateway use.
 */
public final class StsService {
    /** Role chaining caps sessions at one hour (aws-facts.md section 2). */
    private static final int CHAINED_MAX_DURATION = 3600;
    /**
     * AWS packs session tags into a compressed binary form with an undocumented limit; the emulator uses a
     * plain budget of characters so that PackedPolicySize is a deterministic percentage.
     */
    private static final int PACKED_TAG_BUDGET = 4096;

    private final String accountId;
    private final Map<String, Role> roles;
    private final CredentialStore credentials;
    private final SigV4Verifier verifier;
    private final FaultPlan faults;
    private final CallLog log;

    public StsService(
            String accountId,
            List<Role> roles,
            CredentialStore credentials,
            SigV4Verifier verifier,
            FaultPlan faults,
            CallLog log) {
        this.accountId = requireNonNull(accountId, "accountId is null");
        Map<String, Role> byName = new HashMap<>();
        roles.forEach(r -> byName.put(r.name(), r));
        this.roles = Map.copyOf(byName);
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.log = requireNonNull(log, "log is null");
    }

    public Reply handle(HttpCall call, String requestId) {
        Map<String, String> params = parameters(call);
        String action = params.getOrDefault("Action", "");
        log.count("sts:" + (action.isEmpty() ? "(none)" : action));
        String callerArn = "-";
        try {
            if (call.header("Authorization").map(a -> a.startsWith("Bearer ")).orElse(false)) {
                throw new StsError(
                        400, "IncompleteSignature", "STS does not accept bearer tokens; sign the request with SigV4.");
            }
            Identity caller;
            try {
                caller = verifier.verify(call, "sts");
            } catch (AuthFailure f) {
                throw authError(f);
            }
            callerArn = caller.arn();
            if (faults.forSts() == Outcome.THROTTLE) {
                throw new StsError(400, "Throttling", "Rate exceeded");
            }
            return switch (action) {
                case "AssumeRole" -> Reply.xml(200, assumeRole(params, caller, requestId));
                case "GetCallerIdentity" -> Reply.xml(200, StsXml.callerIdentity(caller, requestId));
                case "" -> throw new StsError(400, "MissingAction", "Missing Action");
                default ->
                    throw new StsError(
                            400, "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
            };
        } catch (StsError e) {
            if (action.equals("AssumeRole")) {
                recordAssumeRole(params, callerArn, e.code());
            }
            return Reply.xml(e.status(), StsXml.error(e, requestId));
        }
    }

    private String assumeRole(Map<String, String> params, Identity caller, String requestId) {
        String roleArn = params.get("RoleArn");
        String sessionParam = params.get("RoleSessionName");
        if (roleArn == null) {
            throw StsError.validation(
                    "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        }
        if (sessionParam == null) {
            throw StsError.validation(
                    "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        }
        if (roleArn.length() < 20 || roleArn.length() > 2048) {
            throw StsError.validation("1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048");
        }
        SessionName sessionName;
        SessionTags tags;
        try {
            sessionName = SessionName.of(sessionParam);
            tags = SessionTags.of(tags(params));
        } catch (StsRuleException e) {
            throw StsError.validation("1 validation error detected: " + e.getMessage());
        }
        int duration = duration(params.get("DurationSeconds"));

        String rolePrefix = "arn:aws:iam::" + accountId + ":role/";
        Role role = roleArn.startsWith(rolePrefix) ? roles.get(roleArn.substring(rolePrefix.length())) : null;
        if (role == null) {
            throw StsError.accessDenied(
                    "User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        if (!tags.isEmpty() && !role.allowsTagSession()) {
            throw StsError.accessDenied(
                    "User: " + caller.arn() + " is not authorized to perform: sts:TagSession on resource: " + roleArn);
        }
        if (caller.isAssumedRole() && duration > CHAINED_MAX_DURATION) {
            throw StsError.validation(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (duration > role.maxSessionDuration().toSeconds()) {
            throw StsError.validation(
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        OptionalInt packed = OptionalInt.empty();
        if (!tags.isEmpty()) {
            int chars = tags.tags().stream()
                    .mapToInt(t -> t.key().length() + t.value().length() + 2)
                    .sum();
            int percent = (int) Math.ceil(100.0 * chars / PACKED_TAG_BUDGET);
            if (percent > 100) {
                throw new StsError(400, "PackedPolicyTooLarge", "Serialized token too large for session");
            }
            packed = OptionalInt.of(percent);
        }
        SessionCredentials creds = credentials.issue(role.name(), sessionName, tags, Duration.ofSeconds(duration));
        recordAssumeRole(params, caller.arn(), "ok");
        return StsXml.assumeRole(creds, creds.identity().userId(), packed, requestId);
    }

    private static int duration(@Nullable String text) {
        if (text == null) {
            return 3600;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw StsError.validation("1 validation error detected: Value '" + text
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must be an integer");
        }
        if (seconds < AwsLimits.SESSION_DURATION_MIN) {
            throw StsError.validation("1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to "
                    + AwsLimits.SESSION_DURATION_MIN);
        }
        if (seconds > AwsLimits.SESSION_DURATION_MAX) {
            throw StsError.validation("1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to "
                    + AwsLimits.SESSION_DURATION_MAX);
        }
        return seconds;
    }

    /** {@code Tags.member.N.Key} / {@code .Value}, in member order. */
    private static List<SessionTag> tags(Map<String, String> params) {
        TreeMap<Integer, String[]> members = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("Tags.member.")) {
                continue;
            }
            // -1 keeps empty parts: Tags.member.N.Key. (a trailing dot) is not a tag member.
            String[] parts = name.split("\\.", -1);
            if (parts.length != 4) {
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(parts[2]);
            } catch (NumberFormatException ex) {
                continue;
            }
            String[] kv = members.computeIfAbsent(index, i -> new String[2]);
            if (parts[3].equals("Key")) {
                kv[0] = e.getValue();
            } else if (parts[3].equals("Value")) {
                kv[1] = e.getValue();
            }
        }
        List<SessionTag> tags = new ArrayList<>();
        for (Map.Entry<Integer, String[]> m : members.entrySet()) {
            String key = m.getValue()[0];
            String value = m.getValue()[1];
            if (key == null) {
                throw StsError.validation("1 validation error detected: Value null at 'tags." + m.getKey()
                        + ".member.key' failed to satisfy constraint: Member must not be null");
            }
            if (value == null) {
                throw StsError.validation("1 validation error detected: Value null at 'tags." + m.getKey()
                        + ".member.value' failed to satisfy constraint: Member must not be null");
            }
            tags.add(SessionTag.of(key, value));
        }
        return tags;
    }

    private void recordAssumeRole(Map<String, String> params, String caller, String outcome) {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            tags(params).forEach(t -> tags.put(t.key(), t.value()));
        } catch (RuntimeException e) {
            // invalid tags are already reported to the caller; the log keeps the call without them
        }
        @Nullable Integer duration = null;
        try {
            duration = params.containsKey("DurationSeconds") ? Integer.valueOf(params.get("DurationSeconds")) : null;
        } catch (NumberFormatException e) {
            // as above
        }
        log.assumeRole(new CallLog.AssumeRoleCall(
                Instant.now(),
                caller,
                params.getOrDefault("RoleArn", ""),
                params.getOrDefault("RoleSessionName", ""),
                tags,
                duration,
                outcome));
    }

    private static StsError authError(AuthFailure f) {
        return switch (f.reason()) {
            case MISSING -> new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            case MALFORMED -> new StsError(400, "IncompleteSignature", f.getMessage());
            case UNKNOWN_KEY, INVALID_TOKEN ->
                new StsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            case EXPIRED -> new StsError(400, "ExpiredToken", "The security token included in the request is expired");
            case BAD_SIGNATURE, SKEWED -> new StsError(403, "SignatureDoesNotMatch", f.getMessage());
            // A client whose AWS_ENDPOINT_URL sends every service here (IAM, say) would read a signature error;
            // say which service is not served and how to route it elsewhere instead.
            case OTHER_SERVICE ->
                new StsError(
                        400,
                        "InvalidAction",
                        "tally emulator does not serve " + f.signedFor()
                                + " (it emulates STS, Bedrock, Cost Explorer, Data Exports and the SSO portal): point AWS_ENDPOINT_URL_"
                                + f.signedFor()
                                        .toUpperCase(java.util.Locale.ROOT)
                                        .replace('-', '_') + " at another endpoint (moto_server serves IAM)");
        };
    }

    /** Form body parameters, then query parameters (the Query API accepts both). */
    private static Map<String, String> parameters(HttpCall call) {
        Map<String, String> params = new HashMap<>();
        parseForm(call.rawQuery(), params);
        String type = call.header("Content-Type").orElse("");
        if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
            parseForm(call.bodyText(), params);
        }
        return params;
    }

    private static void parseForm(String text, Map<String, String> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String part : text.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            into.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
    }
}
