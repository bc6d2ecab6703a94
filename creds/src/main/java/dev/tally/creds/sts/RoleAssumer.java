package dev.tally.creds.sts;

import dev.tally.aws.AwsFailure;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.cache.SessionCredentials;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * One AssumeRole call through the AWS SDK: the only class of the cold path that loads the SDK. The client
 * is built with everything explicit (region, endpoint, source credentials, the URL-connection HTTP
 * client, no profile settings), which keeps its start-up short and its behaviour independent of
 * {@code AWS_PROFILE}.
 */
public final class RoleAssumer {
    private RoleAssumer() {}

    public static SessionCredentials assume(CredsRequest request, ProcessEnvironment env, Instant now) {
        // Sanitized once, and first: a tag no sanitizing can save is a usage error before any credential or call.
        SessionTags tags = request.tags();
        AwsCredentialsProvider source = SourceProfiles.provider(request.source(), env);
        StsFailures failures = new StsFailures(request);
        try {
            source.resolveCredentials();
        } catch (RuntimeException e) {
            throw failures.sourceCredentials(e);
        }
        SessionName name = request.identity().sessionName(request.sessionPrefix(), now.getEpochSecond());
        try (StsClient sts = client(request, source)) {
            try {
                return call(sts, request, name, tags.tags(), now, failures);
            } catch (StsException e) {
                if (!StsFailures.isAccessDenied(e) || tags.isEmpty()) {
                    throw e;
                }
                // The most common setup mistake: a trust policy with sts:AssumeRole but not sts:TagSession
                // refuses tagged calls with a plain AccessDenied. One untagged call tells the two apart.
                try {
                    call(sts, request, name, List.of(), now, failures);
                } catch (StsException untagged) {
                    throw failures.accessDenied(untagged);
                }
                throw failures.missingTagSession(callerArn(sts));
            }
        } catch (SdkException e) {
            throw failures.of(e);
        }
    }

    private static StsClient client(CredsRequest request, AwsCredentialsProvider source) {
        // An empty profile file for the client's own settings: region and endpoint come from Tally's options
        // and the environment only, as the cache key does.
        ProfileFile none = ProfileFile.builder()
                .content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(request.region()))
                .credentialsProvider(source)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(c -> c.defaultProfileFile(none)
                        .defaultProfileName("default")
                        .apiCallTimeout(Duration.ofSeconds(60)));
        request.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static SessionCredentials call(
            StsClient sts,
            CredsRequest request,
            SessionName name,
            List<SessionTag> tags,
            Instant now,
            StsFailures failures) {
        AssumeRoleResponse response = sts.assumeRole(AssumeRoleRequest.builder()
                .roleArn(request.roleArn())
                .roleSessionName(name.value())
                .durationSeconds(request.durationSeconds())
                .tags(tags.stream()
                        .map(t -> Tag.builder().key(t.key()).value(t.value()).build())
                        .toList())
                .build());
        var c = response.credentials();
        if (c == null) {
            throw failures.of(AwsFailure.emptyAnswer(response), null);
        }
        return new SessionCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration(), now);
    }

    private static String callerArn(StsClient sts) {
        try {
            return sts.getCallerIdentity().arn();
        } catch (RuntimeException e) {
            return "<your principal's ARN>";
        }
    }
}
