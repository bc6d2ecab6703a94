package dev.tally.creds.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.creds.CredentialProcess;
import dev.tally.creds.CredsArguments;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.cache.SessionCredentials;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.IamUser;
import dev.tally.emulator.Role;
import dev.tally.emulator.inspect.CallLog;
import dev.tally.testing.MotoServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code tally creds}'s STS path against Tally's emulator (which checks names and tags) and against moto. */
class RoleAssumerTest {
    /** AWS's documented patterns (AssumeRole API reference), written out here rather than taken from the code under test. */
    private static final Pattern AWS_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private static final Pattern AWS_TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    private static final Pattern AWS_TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";
    private static final String NO_TAG_ROLE = "arn:aws:iam::123456789012:role/legacy";

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

    private ProcessEnvironment env(Map<String, String> extra) throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(
                credentials,
                "[dev]\naws_access_key_id = " + IamUser.DEFAULT.accessKeyId() + "\naws_secret_access_key = "
                        + IamUser.DEFAULT.secretAccessKey() + "\n");
        Map<String, String> vars = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                "AWS_CONFIG_FILE", dir.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                "AWS_PROFILE", "cc-tracked"));
        vars.putAll(extra);
        return new ProcessEnvironment(vars, dir, dir.resolve("home"));
    }

    private static SessionCredentials fetch(ProcessEnvironment env, String... args) {
        return new CredentialProcess(env, Clock.systemUTC())
                .fetch(CredsRequest.resolve(CredsArguments.parse(List.of(args)), env));
    }

    private static List<CallLog.AssumeRoleCall> callsFor(String session) {
        return aws.calls().recentAssumeRoleCalls().stream()
                .filter(c -> c.sessionName() != null && c.sessionName().contains(session))
                .toList();
    }

    @Test
    void fetch_nastyRepositoryName_sendsSessionNameAndTagsThatMatchAwsPatterns() throws Exception {
        String project =
                "my repo/with spaces ünïcødé 日本 $(rm -rf ~) `id`; a&b|c 'q' \"d\" 🚀 " + "x".repeat(80) + "-marker1";
        String user = "Zoë O'Brien <zoe@example.com>";
        fetch(
                env(Map.of()),
                "--role-arn",
                ROLE,
                "--source-profile",
                "dev",
                "--project",
                project,
                "--user",
                user,
                "--tag",
                "cost center=R&D #7",
                "--session-prefix",
                "marker1 run");
        List<CallLog.AssumeRoleCall> calls = callsFor("marker1-run");
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.outcome()).isEqualTo("ok");
            assertThat(call.sessionName()).matches(AWS_SESSION_NAME).startsWith("marker1-run-my-repo-with-spaces");
            assertThat(call.sessionName()).matches(".*-\\d{10}");
            assertThat(call.tags()).containsOnlyKeys("Project", "User", "cost center");
            call.tags().forEach((k, v) -> {
                assertThat(k).matches(AWS_TAG_KEY);
                assertThat(v).matches(AWS_TAG_VALUE);
            });
            assertThat(call.tags().get("Project"))
                    .isEqualTo("my repo/with spaces ünïcødé 日本 __rm -rf __ _id__ a_b_c _q_ _d_ _ " + "x".repeat(80)
                            + "-marker1");
            assertThat(call.tags().get("User")).isEqualTo("Zoë O_Brien _zoe@example.com_");
            assertThat(call.caller()).isEqualTo("arn:aws:iam::123456789012:user/developer");
        });
    }

    @Test
    void fetch_sourceProfileWithItsOwnCredentialProcess_assumesTheRoleWithWhatItPrints() throws Exception {
        // A source profile that is itself a credential_process (a company's SSO helper, say): the SDK runs it.
        Path helper = dir.resolve("company-helper.sh");
        Files.writeString(
                helper,
                "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"" + IamUser.DEFAULT.accessKeyId()
                        + "\",\"SecretAccessKey\":\"" + IamUser.DEFAULT.secretAccessKey() + "\"}'\n");
        helper.toFile().setExecutable(true);
        Files.writeString(dir.resolve("config"), "[profile corp]\ncredential_process = " + helper + "\n");
        fetch(env(Map.of()), "--role-arn", ROLE, "--source-profile", "corp", "--project", "process-source-marker");
        assertThat(callsFor("process-source-marker")).singleElement().satisfies(call -> {
            assertThat(call.outcome()).isEqualTo("ok");
            assertThat(call.caller()).isEqualTo("arn:aws:iam::123456789012:user/developer");
        });
    }

    @Test
    void fetch_twice_callsStsOnce_thenServesTheCache() throws Exception {
        ProcessEnvironment env = env(Map.of());
        SessionCredentials first =
                fetch(env, "--role-arn", ROLE, "--source-profile", "dev", "--project", "twice-marker");
        SessionCredentials second =
                fetch(env, "--role-arn", ROLE, "--source-profile", "dev", "--project", "twice-marker");
        assertThat(second).isEqualTo(first);
        assertThat(callsFor("twice-marker")).hasSize(1);
        assertThat(fetch(env, "--role-arn", ROLE, "--source-profile", "dev", "--project", "twice-marker", "--no-cache"))
                .isNotEqualTo(first);
        assertThat(callsFor("twice-marker")).hasSize(2);
    }

    @Test
    void fetch_roleWithoutTagSession_explainsTheMissingStatement() throws Exception {
        assertThatThrownBy(() -> fetch(
                        env(Map.of()),
                        "--role-arn",
                        NO_TAG_ROLE,
                        "--source-profile",
                        "dev",
                        "--project",
                        "notag-marker"))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE))
                .hasMessage("creds: role " + NO_TAG_ROLE
                        + " allows untagged sessions but refuses tagged ones: its trust policy lacks "
                        + "sts:TagSession, so no Project/User tags can be passed. Add this statement to the role's trust policy: "
                        + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/developer\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}");
        assertThat(callsFor("notag-marker"))
                .extracting(CallLog.AssumeRoleCall::outcome)
                .containsExactly("AccessDenied", "ok");
        assertThat(dir.resolve("cache/tally/creds")).isDirectoryNotContaining("glob:**.json");
    }

    @Test
    void fetch_unknownRole_isAccessDeniedNamingTheRole() throws Exception {
        assertThatThrownBy(() -> fetch(
                        env(Map.of()), "--role-arn", "arn:aws:iam::123456789012:role/nope", "--source-profile", "dev"))
                .hasMessageStartingWith(
                        "creds: not allowed to assume arn:aws:iam::123456789012:role/nope with profile 'dev': AccessDenied");
    }

    @Test
    void fetch_missingSourceProfile_isAUsageErrorNamingIt() throws Exception {
        assertThatThrownBy(() -> fetch(env(Map.of()), "--role-arn", ROLE, "--source-profile", "nope"))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining("source profile 'nope' is not in");
        assertThatThrownBy(() -> fetch(env(Map.of()), "--role-arn", ROLE))
                .hasMessageContaining("no source credentials: profile 'default'");
    }

    @Test
    void fetch_unreachableEndpoint_saysSo() throws Exception {
        String closed = "http://127.0.0.1:" + MotoServer.freePort();
        assertThatThrownBy(() -> fetch(
                        env(Map.of("AWS_ENDPOINT_URL_STS", closed)), "--role-arn", ROLE, "--source-profile", "dev"))
                .hasMessageStartingWith("creds: cannot reach STS at " + closed + ": ConnectException");
    }

    @Test
    void fetch_endpointThatIsNotSts_namesWhatCameBack() throws Exception {
        for (int status : new int[] {200, 404}) {
            HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] page = "<html><body>It works!</body></html>".getBytes(StandardCharsets.UTF_8);
            web.createContext("/", x -> {
                x.getRequestBody().readAllBytes();
                x.getResponseHeaders().set("Content-Type", "text/html");
                x.sendResponseHeaders(status, page.length);
                x.getResponseBody().write(page);
                x.close();
            });
            web.start();
            try {
                String url = "http://127.0.0.1:" + web.getAddress().getPort();
                assertThatThrownBy(() -> fetch(
                                env(Map.of("AWS_ENDPOINT_URL_STS", url)),
                                "--role-arn",
                                ROLE,
                                "--source-profile",
                                "dev"))
                        .isInstanceOfSatisfying(
                                TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE))
                        .hasMessageStartingWith("creds: the endpoint " + url
                                + " is not STS: AssumeRole got it answered HTTP " + status + " (text/html")
                        .hasMessageEndingWith("; check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS");
            } finally {
                web.stop(0);
            }
        }
    }

    @Test
    void fetch_expiredOrUnknownSourceCredentials_areNamedAsSuch() throws Exception {
        var expired = aws.issueSessionCredentials("tally-dev", "old-session", Map.of(), Duration.ofSeconds(-60));
        ProcessEnvironment env = env(Map.of(
                "AWS_ACCESS_KEY_ID",
                expired.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY",
                expired.secretAccessKey(),
                "AWS_SESSION_TOKEN",
                expired.sessionToken()));
        assertThatThrownBy(() -> fetch(env, "--role-arn", ROLE))
                .hasMessageStartingWith("creds: the source credentials (AWS_ACCESS_KEY_ID " + expired.accessKeyId()
                        + ") are expired or invalid: " + "STS answered ExpiredToken")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(expired.secretAccessKey())
                        .doesNotContain(expired.sessionToken()));
        ProcessEnvironment unknown =
                env(Map.of("AWS_ACCESS_KEY_ID", "AKIAUNKNOWNEXAMPLE00", "AWS_SECRET_ACCESS_KEY", "nope"));
        assertThatThrownBy(() -> fetch(unknown, "--role-arn", ROLE))
                .hasMessageContaining("STS answered InvalidClientTokenId");
    }

    @Test
    void fetch_againstMoto_givesCredentialsOfTheTaggedSession() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            ProcessEnvironment env = env(Map.of(
                    "AWS_ENDPOINT_URL",
                    moto.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID",
                    "test",
                    "AWS_SECRET_ACCESS_KEY",
                    "test"));
            SessionCredentials c = fetch(
                    env, "--role-arn", "arn:aws:iam::123456789012:role/any", "--project", "moto-repo", "--user", "bob");
            try (StsClient sts = StsClient.builder()
                    .endpointOverride(moto.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                    .build()) {
                assertThat(sts.getCallerIdentity().arn())
                        .matches("arn:aws:sts::123456789012:assumed-role/any/cc-moto-repo-\\d{10}");
            }
        }
    }
}
