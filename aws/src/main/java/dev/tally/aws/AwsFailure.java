package dev.tally.aws;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an AWS SDK failure means for the user, decided once for every module that calls AWS (account, creds,
 * report's S3 reads): the cause, the exit kind that follows from it, and a one-line detail with no secret in
 * it (SDK messages and AWS error bodies carry none; request bodies and headers are never quoted).
 *
 * @param cause why the call failed, as far as the user can act on it
 * @param detail the AWS error code and message, the network failure, or what a non-AWS endpoint answered
 */
public record AwsFailure(Cause cause, String detail) {
    public AwsFailure {
        requireNonNull(cause, "cause is null");
        requireNonNull(detail, "detail is null");
    }

    /** Why an AWS call failed. */
    public enum Cause {
        /** AWS refused the credentials themselves: unknown key, bad signature, expired token. */
        BAD_CREDENTIALS,
        /** The credentials are fine but lack a permission. */
        ACCESS_DENIED,
        /** AWS called the request invalid: the user's input (exit 2). */
        INVALID_REQUEST,
        /** A bucket the user named does not exist (exit 2). */
        NO_SUCH_BUCKET,
        /** No connection: the host is unknown, refuses or does not answer. */
        UNREACHABLE,
        /**
         * The endpoint speaks AWS but does not serve this service or operation: an emulator that leaves the
         * service to another peer ({@code tally emulator} and IAM), not a missing permission.
         */
        NOT_SERVED,
        /** Something answered, but not in any AWS protocol's shape: a web server, a proxy's page. */
        NOT_AWS,
        /** Any other refusal or error AWS reported. */
        SERVICE
    }

    /** AWS's codes for credentials that are unknown, expired or wrongly signed. */
    private static final Set<String> BAD_CREDENTIALS = Set.of(
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "InvalidSignatureException",
            "InvalidAccessKeyId",
            "ExpiredToken",
            "ExpiredTokenException",
            "RequestExpired",
            "MissingAuthenticationToken",
            "IncompleteSignature");

    /** The codes of an operation the endpoint does not know: the Query APIs' and the JSON APIs'. */
    private static final Set<String> NOT_SERVED = Set.of("InvalidAction", "UnknownOperationException");

    /** How the SDK's default credentials chain begins its message when no provider had credentials. */
    private static final String NO_CREDENTIALS = "Unable to load credentials";

    /** How much of a non-AWS answer is quoted: enough to recognise a page, not enough to flood a line. */
    private static final int QUOTED = 80;

    public static AwsFailure of(SdkException e) {
        if (e instanceof AwsServiceException s) {
            return service(s);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException) {
                return new AwsFailure(
                        Cause.UNREACHABLE,
                        t.getClass().getSimpleName()
                                + (t.getMessage() == null ? "" : ": " + OneLine.of(t.getMessage())));
            }
        }
        if (e instanceof SdkClientException && unparsable(e)) {
            // A 2xx answer the SDK could not unmarshal: the endpoint is not the service it was asked for.
            return new AwsFailure(
                    Cause.NOT_AWS, "the answer is not an AWS response (" + OneLine.of(e.getMessage()) + ")");
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith(NO_CREDENTIALS)) {
            // The SDK's message lists every provider it tried and why each failed: a paragraph, not a line.
            return new AwsFailure(
                    Cause.SERVICE,
                    "no AWS credentials found: set AWS_PROFILE (then aws sso login for an SSO profile) or"
                            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        return new AwsFailure(Cause.SERVICE, OneLine.of(e.getMessage()));
    }

    /**
     * A success status whose body held none of the answer's fields: what the SDK makes of a web page, since
     * it unmarshals what it can and leaves the rest null.
     */
    public static AwsFailure emptyAnswer(SdkResponse response) {
        var http = response.sdkHttpResponse();
        String type = http.firstMatchingHeader("Content-Type").orElse("no content type");
        String server =
                http.firstMatchingHeader("Server").map(v -> ", server " + v).orElse("");
        return new AwsFailure(
                Cause.NOT_AWS,
                "it answered HTTP " + http.statusCode() + " (" + type + server
                        + ") without the fields of an AWS answer");
    }

    private static AwsFailure service(AwsServiceException e) {
        AwsErrorText error = AwsErrorText.of(e);
        String code = error.code();
        if (BAD_CREDENTIALS.contains(code)) {
            return new AwsFailure(Cause.BAD_CREDENTIALS, error.toString());
        }
        if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")) {
            return new AwsFailure(Cause.ACCESS_DENIED, error.toString());
        }
        if (e.statusCode() == 403 && !error.fromBody()) {
            // A bare 403: how AWS refuses some requests without a body (S3's HEAD); say what came back.
            return new AwsFailure(Cause.ACCESS_DENIED, "HTTP 403" + answered(e));
        }
        if (NOT_SERVED.contains(code)) {
            return new AwsFailure(Cause.NOT_SERVED, error.toString());
        }
        if (code.equals("ValidationException") || code.equals("ValidationError")) {
            return new AwsFailure(Cause.INVALID_REQUEST, error.toString());
        }
        if (code.equals("NoSuchBucket")) {
            return new AwsFailure(Cause.NO_SUCH_BUCKET, error.toString());
        }
        if (!error.fromBody()) {
            return new AwsFailure(Cause.NOT_AWS, "it answered HTTP " + e.statusCode() + answered(e));
        }
        return new AwsFailure(Cause.SERVICE, error.toString());
    }

    private static boolean unparsable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("nmarshall")
                    || m.contains("parse")
                    || t.getClass().getName().contains("XMLStream")) {
                return true;
            }
        }
        return false;
    }

    /** The content type and the first characters of a body, on one line: {@code  (text/html: <html>...)}. */
    private static String answered(AwsServiceException e) {
        String type = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
                ? ""
                : e.awsErrorDetails()
                        .sdkHttpResponse()
                        .firstMatchingHeader("Content-Type")
                        .orElse("");
        String body = e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null
                ? ""
                : e.awsErrorDetails().rawResponse().asString(StandardCharsets.UTF_8);
        String text = body.replaceAll("\\s+", " ").strip();
        if (text.length() > QUOTED) {
            text = text.substring(0, QUOTED) + "...";
        }
        if (type.isEmpty() && text.isEmpty()) {
            return " with an empty body";
        }
        return " (" + (type.isEmpty() ? "" : type + (text.isEmpty() ? "" : ": ")) + text + ")";
    }

    /** Exit 2 for what the user typed (an invalid request, a bucket that does not exist), exit 1 otherwise. */
    public ErrorKind kind() {
        return cause == Cause.INVALID_REQUEST || cause == Cause.NO_SUCH_BUCKET ? ErrorKind.USAGE : ErrorKind.FAILURE;
    }
}
