package dev.tally.creds.sts;

import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.creds.CredsRequest;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What went wrong with an AssumeRole call, said so a developer can fix it: one line, naming the role, the
 * profile or the endpoint, never a secret.
 */
final class StsFailures {
    static final String ACCESS_DENIED = "AccessDenied";
    /** STS's answers to source credentials that are expired, revoked or never existed. */
    private static final Set<String> BAD_SOURCE = Set.of(
            "ExpiredToken",
            "ExpiredTokenException",
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "InvalidAccessKeyId",
            "RequestExpired");

    private final CredsRequest request;

    StsFailures(CredsRequest request) {
        this.request = request;
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static String stsMessage(AwsServiceException e) {
        String m = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return OneLine.of(m == null ? e.getMessage() : m);
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

    TallyException service(AwsServiceException e) {
        String code = code(e);
        if (BAD_SOURCE.contains(code)) {
            return TallyException.failure(
                    "creds: the source credentials (" + source() + ") are expired or invalid: STS answered " + code
                            + " (" + stsMessage(e) + "); refresh them (aws sso login, or new keys) and retry",
                    e);
        }
        if (ACCESS_DENIED.equals(code)) {
            return accessDenied(e);
        }
        if ("ValidationError".equals(code)) {
            return new TallyException(
                    dev.tally.core.error.ErrorKind.USAGE,
                    "creds: STS refused the request for " + request.roleArn() + ": " + stsMessage(e),
                    e);
        }
        return TallyException.failure(
                "creds: AssumeRole on " + request.roleArn() + " failed: " + code + " (" + stsMessage(e) + ")", e);
    }

    TallyException accessDenied(AwsServiceException e) {
        return TallyException.failure(
                "creds: not allowed to assume " + request.roleArn() + " with " + source() + ": AccessDenied ("
                        + stsMessage(e)
                        + "); the role's trust policy must allow this principal sts:AssumeRole and sts:TagSession",
                e);
    }

    TallyException missingTagSession(String callerArn) {
        return TallyException.failure(
                "creds: role " + request.roleArn() + " allows untagged sessions but refuses tagged ones: its trust "
                        + "policy lacks sts:TagSession, so no Project/User tags can be passed. Add this statement to the role's trust policy: "
                        + TrustPolicyStatement.forCaller(callerArn).json(),
                null);
    }

    TallyException client(SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException) {
                return TallyException.failure(
                        "creds: cannot reach STS at " + endpoint() + ": "
                                + t.getClass().getSimpleName()
                                + (t.getMessage() == null ? "" : " (" + OneLine.of(t.getMessage()) + ")"),
                        e);
            }
        }
        return TallyException.failure(
                "creds: AssumeRole on " + request.roleArn() + " failed: " + OneLine.of(e.getMessage()), e);
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
