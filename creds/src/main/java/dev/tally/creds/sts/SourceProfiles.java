package dev.tally.creds.sts;

import dev.tally.core.error.TallyException;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.SourceCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The source credentials' provider, built explicitly from the profile files this process would read
 * ({@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/...}): no default chain,
 * so nothing probes the instance metadata service and {@code AWS_PROFILE} is never followed.
 */
public final class SourceProfiles {
    private SourceProfiles() {}

    public static Path configFile(ProcessEnvironment env) {
        return env.get("AWS_CONFIG_FILE")
                .map(Path::of)
                .orElse(env.home().resolve(".aws").resolve("config"));
    }

    static Path credentialsFile(ProcessEnvironment env) {
        return env.get("AWS_SHARED_CREDENTIALS_FILE")
                .map(Path::of)
                .orElse(env.home().resolve(".aws").resolve("credentials"));
    }

    static ProfileFile profileFile(ProcessEnvironment env) {
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        Path config = configFile(env);
        Path credentials = credentialsFile(env);
        if (Files.isRegularFile(config)) {
            files.addFile(ProfileFile.builder()
                    .content(config)
                    .type(ProfileFile.Type.CONFIGURATION)
                    .build());
        }
        if (Files.isRegularFile(credentials)) {
            files.addFile(ProfileFile.builder()
                    .content(credentials)
                    .type(ProfileFile.Type.CREDENTIALS)
                    .build());
        }
        return files.build();
    }

    public static AwsCredentialsProvider provider(SourceCredentials source, ProcessEnvironment env) {
        ProfileFile files;
        try {
            files = profileFile(env);
        } catch (RuntimeException e) {
            throw TallyException.usage("creds: cannot read the AWS profiles in " + configFile(env) + " or "
                    + credentialsFile(env) + ": " + dev.tally.core.error.OneLine.of(e.getMessage()));
        }
        if (files.profile(source.profile()).isPresent()) {
            return ProfileCredentialsProvider.builder()
                    .profileFile(files)
                    .profileName(source.profile())
                    .build();
        }
        if (!source.named() && source.environmentAccessKeyId().isPresent()) {
            String id = source.environmentAccessKeyId().get();
            String secret = env.get("AWS_SECRET_ACCESS_KEY")
                    .orElseThrow(() ->
                            TallyException.usage("creds: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
            return StaticCredentialsProvider.create(env.get("AWS_SESSION_TOKEN")
                    .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        String where = configFile(env) + " or " + credentialsFile(env);
        if (source.named()) {
            throw TallyException.usage("creds: source profile '" + source.profile() + "' is not in " + where
                    + " (fix --source-profile or TALLY_SOURCE_PROFILE)");
        }
        throw TallyException.usage("creds: no source credentials: profile 'default' is not in " + where
                + " and AWS_ACCESS_KEY_ID is not set (pass --source-profile P or set TALLY_SOURCE_PROFILE)");
    }
}
