package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI (botocore, an independent SigV4 and Query-API implementation) against the emulator. */
class AwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void assumeRole_withTags_thenGetCallerIdentity_fromEnvironmentCredentials() throws Exception {
        String aws = findAws();
        assumeTrue(aws != null, "aws CLI is not installed");
        JsonNode assumed = run(
                aws,
                Map.of(
                        "AWS_ACCESS_KEY_ID",
                        IamUser.DEFAULT.accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY",
                        IamUser.DEFAULT.secretAccessKey()),
                "sts",
                "assume-role",
                "--role-arn",
                "arn:aws:iam::123456789012:role/tally-dev",
                "--role-session-name",
                "cli-user",
                "--tags",
                "Key=Project,Value=x");
        assertThat(assumed.at("/AssumedRoleUser/Arn").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/tally-dev/cli-user");
        JsonNode creds = assumed.get("Credentials");
        assertThat(creds.get("AccessKeyId").asText()).startsWith("ASIA");

        JsonNode who = run(
                aws,
                Map.of(
                        "AWS_ACCESS_KEY_ID",
                        creds.get("AccessKeyId").asText(),
                        "AWS_SECRET_ACCESS_KEY",
                        creds.get("SecretAccessKey").asText(),
                        "AWS_SESSION_TOKEN",
                        creds.get("SessionToken").asText()),
                "sts",
                "get-caller-identity");
        assertThat(who.get("Arn").asText()).isEqualTo("arn:aws:sts::123456789012:assumed-role/tally-dev/cli-user");
        assertThat(who.get("Account").asText()).isEqualTo("123456789012");
        assertThat(emulator.calls().recentAssumeRoleCalls())
                .anySatisfy(c -> assertThat(c.tags()).containsEntry("Project", "x"));
    }

    @Test
    void bedrockConverse_withAModelArn_passesBotocoresSigV4() throws Exception {
        String aws = findAws();
        assumeTrue(aws != null, "aws CLI is not installed");
        // The ARN's ':' and '/' are percent-encoded in the path and encoded again in botocore's canonical URI.
        JsonNode reply = run(
                aws,
                Map.of(
                        "AWS_ACCESS_KEY_ID",
                        IamUser.DEFAULT.accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY",
                        IamUser.DEFAULT.secretAccessKey()),
                "bedrock-runtime",
                "converse",
                "--model-id",
                "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.amazon.nova-pro-v1:0",
                "--messages",
                "[{\"role\":\"user\",\"content\":[{\"text\":\"hello\"}]}]");
        assertThat(reply.at("/output/message/content/0/text").asText()).isEqualTo("Emulated reply to: hello");
        assertThat(reply.at("/usage/inputTokens").asLong()).isEqualTo(2);
    }

    private JsonNode run(String aws, Map<String, String> credentials, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(aws));
        command.addAll(List.of(args));
        command.addAll(
                List.of("--endpoint-url", emulator.endpoint().toString(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        Map<String, String> keep = new HashMap<>();
        for (String name : List.of("PATH", "PYENV_ROOT", "PYENV_VERSION", "LANG")) {
            if (System.getenv(name) != null) {
                keep.put(name, System.getenv(name));
            }
        }
        env.clear();
        env.putAll(keep);
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(credentials);
        Path out = Files.createTempFile(home, "out", ".json");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("aws CLI finished").isTrue();
        assertThat(p.exitValue())
                .as("aws CLI exit code; stderr: %s", Files.readString(err, StandardCharsets.UTF_8))
                .isZero();
        return JSON.readTree(out.toFile());
    }

    private static String findAws() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "aws");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
