package dev.tally.cli.creds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.IamUser;
import dev.tally.emulator.Role;
import dev.tally.emulator.inspect.CallLog;
import java.io.IOException;
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

/** {@code tally creds} as separate processes, as SDKs run it, against the emulator. */
class CredsProcessTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";
    private static Emulator aws;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        aws = Emulator.start(EmulatorConfig.builder()
                .role(Role.DEFAULT)
                .role(Role.parse("legacy:no-tag-session"))
                .build());
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private Map<String, String> env(String project) throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(
                credentials,
                "[default]\naws_access_key_id = " + IamUser.DEFAULT.accessKeyId() + "\naws_secret_access_key = "
                        + IamUser.DEFAULT.secretAccessKey() + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("HOME", dir.toString());
        env.put("TALLY_ROLE_ARN", ROLE);
        env.put("TALLY_PROJECT", project);
        env.put("USER", "dev");
        return env;
    }

    private static long assumeRoleCalls(String project) {
        return aws.calls().recentAssumeRoleCalls().stream()
                .filter(c -> project.equals(c.tags().get("Project")))
                .count();
    }

    @Test
    void twentyConcurrentColdStarts_makeExactlyOneAssumeRole() throws Exception {
        Map<String, String> env = env("concurrent-repo");
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path out = dir.resolve("out-" + i);
            outputs.add(out);
            processes.add(TallyProcess.builder(dir, env, List.of(), List.of("creds"))
                    .redirectOutput(out.toFile())
                    .redirectError(dir.resolve("err-" + i).toFile())
                    .start());
        }
        for (Process p : processes) {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        String first = Files.readString(outputs.getFirst());
        assertThat(first)
                .matches(
                        "\\{\"Version\":1,\"AccessKeyId\":\"ASIA[A-Z0-9]{16}\",\"SecretAccessKey\":\"[^\"]+\",\"SessionToken\":\"[^\"]+\","
                                + "\"Expiration\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}\n");
        for (Path out : outputs) {
            assertThat(Files.readString(out)).isEqualTo(first);
        }
        assertThat(assumeRoleCalls("concurrent-repo")).isEqualTo(1);
        assertThat(aws.calls().recentAssumeRoleCalls().stream()
                        .filter(c -> "concurrent-repo".equals(c.tags().get("Project"))))
                .singleElement()
                .extracting(CallLog.AssumeRoleCall::outcome)
                .isEqualTo("ok");
    }

    @Test
    void cacheHit_loadsNeitherTheAwsSdkNorPicocli() throws Exception {
        Map<String, String> env = env("warm-repo");
        TallyRun cold = TallyProcess.run(dir, env, List.of(), "creds");
        assertThat(cold.exit()).as(cold.err()).isZero();
        Path classes = dir.resolve("classes.txt");
        TallyRun warm = TallyProcess.run(dir, env, List.of("-Xlog:class+load=info:file=" + classes), "creds");
        assertThat(warm.exit()).as(warm.err()).isZero();
        assertThat(warm.out()).isEqualTo(cold.out());
        assertThat(warm.err()).isEmpty();
        String loaded = Files.readString(classes);
        assertThat(loaded).contains("dev.tally.cli.creds.CredsMain").contains("dev.tally.creds.cache.CredentialCache");
        assertThat(loaded)
                .doesNotContain("software.amazon")
                .doesNotContain("picocli")
                .doesNotContain("dev.tally.report")
                .doesNotContain("dev.tally.aws.")
                .doesNotContain("dev.tally.emulator");
        assertThat(assumeRoleCalls("warm-repo")).isEqualTo(1);
    }

    @Test
    void errors_areOneLineWithTheRightExitCode_andNoSecrets() throws Exception {
        Map<String, String> env = env("errors-repo");
        env.remove("TALLY_ROLE_ARN");
        TallyRun noRole = TallyProcess.run(dir, env, List.of(), "creds");
        assertThat(noRole.exit()).isEqualTo(2);
        assertThat(noRole.out()).isEmpty();
        assertThat(noRole.err())
                .startsWith("tally: creds: no role to assume: pass --role-arn")
                .hasLineCount(1);

        TallyRun noTag =
                TallyProcess.run(dir, env, List.of(), "creds", "--role-arn", "arn:aws:iam::123456789012:role/legacy");
        assertThat(noTag.exit()).isEqualTo(1);
        assertThat(noTag.err())
                .contains("lacks sts:TagSession")
                .contains("\"sts:TagSession\"")
                .hasLineCount(1)
                .doesNotContain(IamUser.DEFAULT.secretAccessKey());

        TallyRun unknown = TallyProcess.run(dir, env, List.of(), "creds", "--role-arn", ROLE, "--bogus");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--bogus");
    }

    @Test
    void clearCache_removesCachedCredentials() throws Exception {
        Map<String, String> env = env("clear-repo");
        assertThat(TallyProcess.run(dir, env, List.of(), "creds").exit()).isZero();
        TallyRun cleared = TallyProcess.run(dir, env, List.of(), "creds", "--clear-cache");
        assertThat(cleared.exit()).isZero();
        assertThat(cleared.out()).isEmpty();
        assertThat(cleared.err()).startsWith("tally: creds: removed 1 cached credential from ");
        assertThat(TallyProcess.run(dir, env, List.of(), "creds").exit()).isZero();
        assertThat(assumeRoleCalls("clear-repo")).isEqualTo(2);
    }

    @Test
    void ssoSourceProfile_getsItsCredentialsFromThePortalWithTheCachedToken() throws Exception {
        // An IAM Identity Center profile as `aws configure sso` writes it, and the token `aws sso login` caches
        // under ~/.aws/sso/cache/<SHA-1 of the start URL>.json; the SDK trades it at the portal (the emulator's).
        String startUrl = "https://acme.awsapps.com/start";
        Files.writeString(
                dir.resolve("config"),
                "[profile corp-sso]\nsso_start_url = " + startUrl
                        + "\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = us-east-1\n");
        Path cache = Files.createDirectories(dir.resolve(".aws/sso/cache"));
        String file = java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                                .digest(startUrl.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                + ".json";
        Files.writeString(
                cache.resolve(file),
                "{\"startUrl\":\"" + startUrl + "\",\"region\":\"us-east-1\",\"accessToken\":\"an-sso-token\","
                        + "\"expiresAt\":\""
                        + java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + "\"}");

        TallyRun r =
                TallyProcess.run(dir, env("sso-source-marker"), List.of(), "creds", "--source-profile", "corp-sso");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"Version\":1,");
        assertThat(aws.calls().recentAssumeRoleCalls())
                .filteredOn(c -> "sso-source-marker".equals(c.tags().get("Project")))
                .singleElement()
                .satisfies(
                        c -> assertThat(c.caller())
                                .matches(
                                        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Developer_[0-9a-f]{16}/sso-user"));
    }
}
