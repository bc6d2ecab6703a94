package dev.tally.account.doctor;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.AwsFailure;
import dev.tally.core.error.TallyException;
import dev.tally.creds.ProcessEnvironment;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The fix a failed check prints, chosen by why its AWS call failed ({@link AwsFailure}'s one reading of the SDK's
 * exception): only a refusal is a missing permission; an endpoint that does not serve the service (an emulator
 * that leaves IAM to moto), cannot be reached or is not AWS at all is fixed where the endpoint is set, and a
 * permission grant would not help.
 *
 * @param service the service as users know it ({@code IAM}, {@code Cost Explorer})
 * @param endpointVariable the SDK's service-specific endpoint variable ({@code AWS_ENDPOINT_URL_IAM})
 */
record CheckFix(String service, String endpointVariable) {
    static final CheckFix STS = new CheckFix("STS", "AWS_ENDPOINT_URL_STS");
    static final CheckFix IAM = new CheckFix("IAM", "AWS_ENDPOINT_URL_IAM");
    static final CheckFix COST_EXPLORER = new CheckFix("Cost Explorer", "AWS_ENDPOINT_URL_COST_EXPLORER");
    static final CheckFix DATA_EXPORTS = new CheckFix("Data Exports", "AWS_ENDPOINT_URL_BCM_DATA_EXPORTS");

    CheckFix {
        requireNonNull(service, "service is null");
        requireNonNull(endpointVariable, "endpointVariable is null");
    }

    /**
     * @param otherwise the fix when the cause is the check's own (a missing permission, or for the source check
     *     credentials that do not resolve)
     */
    String of(TallyException e, ProcessEnvironment env, String otherwise) {
        if (!(e.getCause() instanceof SdkException sdk)) {
            return otherwise;
        }
        return switch (AwsFailure.of(sdk).cause()) {
            case NOT_SERVED ->
                endpoint(env) + " does not serve " + service + ": set " + endpointVariable + " to an endpoint that"
                        + " does (moto_server serves IAM and Budgets; docs/emulator.md), or unset it to use AWS";
            case UNREACHABLE ->
                "check that " + endpoint(env) + " is up and reachable (address, port, proxy or VPN), then run"
                        + " tally doctor again";
            case NOT_AWS -> endpoint(env) + " is not " + service + ": set " + endpointVariable + " to its endpoint";
            case ACCESS_DENIED -> otherwise;
            // STS accepted these credentials (the first check), so this endpoint holds other keys.
            case BAD_CREDENTIALS ->
                endpoint(env) + " does not know the credentials STS accepted: set " + endpointVariable
                        + " to the endpoint they belong to";
            case INVALID_REQUEST, NO_SUCH_BUCKET, SERVICE ->
                "run tally doctor again; if it fails the same way, " + service
                        + " reported the error above (not a missing permission)";
        };
    }

    /** Whether the endpoint, not the credentials or their permissions, is what to fix. */
    static boolean endpointAtFault(TallyException e) {
        if (!(e.getCause() instanceof SdkException sdk)) {
            return false;
        }
        AwsFailure.Cause cause = AwsFailure.of(sdk).cause();
        return cause == AwsFailure.Cause.NOT_SERVED
                || cause == AwsFailure.Cause.UNREACHABLE
                || cause == AwsFailure.Cause.NOT_AWS;
    }

    /** The endpoint the SDK used, as the user set it: its service variable, the shared one, or AWS's own. */
    private String endpoint(ProcessEnvironment env) {
        return env.get(endpointVariable)
                .filter(v -> !v.isBlank())
                .map(v -> endpointVariable + "=" + v)
                .or(() -> env.get("AWS_ENDPOINT_URL").filter(v -> !v.isBlank()).map(v -> "AWS_ENDPOINT_URL=" + v))
                .orElse(service + "'s AWS endpoint");
    }
}
