package dev.tally.creds.sts;

import dev.tally.aws.AwsFailure;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.creds.CredsRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What went wrong with an AssumeRole call, said so a developer can fix it: one line, naming the role, the
 * profile or the endpoint, never a secret. The cause and the exit kind are {@link AwsFailure}'s, as for every
 * AWS call Tally makes; this class only words them for creds (the trust policy, the source credentials).
 */
final class StsFailures {
    private final CredsRequest request;

    StsFailures(CredsRequest request) {
        this.request = request;
    }

    static boolean isAccessDenied(SdkException e) {
        return AwsFailure.of(e).cause() == AwsFailure.Cause.ACCESS_DENIED;
    }

    private String source() {
        return request.source().named()
                        || request.source().environmentAccessKeyId().isEmpty()
                ? "profile '" + request.source().profile() + "'"
                : "AWS_ACCESS_KEY_ID "
                        + request.source().environmentAccessKeyId().get();
    }

    private String endpoint() {
        return request.endpoint().map(Object::toString).orElse("the STS endpoint of " + request.region());
    }

    /** Any failure of the AssumeRole call, by its cause. */
    TallyException of(SdkException e) {
        return of(AwsFailure.of(e), e);
    }

    TallyException of(AwsFailure f, @Nullable Throwable cause) {
        String line = switch (f.cause()) {
            case BAD_CREDENTIALS ->
                "creds: the source credentials (" + source() + ") are expired or invalid: STS answered " + f.detail()
                        + "; refresh them (aws sso login, or new keys) and retry";
            case ACCESS_DENIED -> accessDeniedLine(f);
            case INVALID_REQUEST, NO_SUCH_BUCKET ->
                "creds: STS refused the request for " + request.roleArn() + ": " + f.detail();
            case UNREACHABLE -> "creds: cannot reach STS at " + endpoint() + ": " + f.detail();
            case NOT_SERVED ->
                "creds: the endpoint " + endpoint() + " does not serve STS's AssumeRole: " + f.detail()
                        + "; check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS";
            case NOT_AWS ->
                "creds: the endpoint " + endpoint() + " is not STS: AssumeRole got " + f.detail()
                        + "; check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS";
            case SERVICE -> "creds: AssumeRole on " + request.roleArn() + " failed: " + f.detail();
        };
        return new TallyException(f.kind(), line, cause);
    }

    TallyException accessDenied(SdkException e) {
        AwsFailure f = AwsFailure.of(e);
        return new TallyException(f.kind(), accessDeniedLine(f), e);
    }

    private String accessDeniedLine(AwsFailure f) {
        return "creds: not allowed to assume " + request.roleArn() + " with " + source() + ": " + f.detail()
                + "; the role's trust policy must allow this principal sts:AssumeRole and sts:TagSession";
    }

    TallyException missingTagSession(String callerArn) {
        return TallyException.failure(
                "creds: role " + request.roleArn() + " allows untagged sessions but refuses tagged ones: its trust "
                        + "policy lacks sts:TagSession, so no Project/User tags can be passed. Add this statement to the role's trust policy: "
                        + TrustPolicyStatement.forCaller(callerArn).json(),
                null);
    }

    TallyException sourceCredentials(RuntimeException e) {
        if (e instanceof TallyException t) {
            return t;
        }
        String message = OneLine.of(e.getMessage());
        String hint = message.toLowerCase(Locale.ROOT).contains("expired")
                        || message.toLowerCase(Locale.ROOT).contains("sso")
                ? "; if it is an SSO profile, run: aws sso login --profile "
                        + request.source().profile()
                : "";
        return TallyException.failure(
                "creds: cannot load the source credentials (" + source() + "): " + message + hint, e);
    }
}
