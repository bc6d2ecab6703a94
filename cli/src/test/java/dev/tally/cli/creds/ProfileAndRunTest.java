package dev.tally.cli.creds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.SeparateProcess;
import dev.tally.cli.Tally;
import dev.tally.cli.TallyRun;
import dev.tally.creds.CredsOption;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.IamUser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally setup profile} read by a real consumer (the AWS CLI), and {@code tally run}. */
class ProfileAndRunTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";
    private static Emulator aws;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        aws = Emulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private String setup(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tally.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private Map<String, String> env() throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(
                credentials,
                "[default]\naws_access_key_id = " + IamUser.DEFAULT.accessKeyId() + "\naws_secret_access_key = "
                        + IamUser.DEFAULT.secretAccessKey() + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("HOME", dir.toString());
        env.put("USER", "carol");
        return env;
    }

    private TallyRun process(Path cwd, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("AWS_") || k.startsWith("TALLY_") || k.startsWith("OTEL_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        return SeparateProcess.capture(pb, out, err);
    }

    private static List<String> tally(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Tally.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void awsCli_withTheWrittenProfile_getsTheTaggedRoleSessionOfTheRepository() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "# mine\n[default]\nregion = eu-west-1\n");
        String printed = setup(
                "setup",
                "profile",
                "--name",
                "tracked",
                "--region",
                "us-east-1",
                "--role-arn",
                ROLE,
                "--config-file",
                config.toString());
        assertThat(printed)
                .contains("[profile tracked]")
                .contains("credential_process = ")
                .contains(CredsMain.class.getName() + " creds --role-arn " + ROLE);
        Path repo = Files.createDirectories(dir.resolve("billing-service/src"));
        Files.createDirectories(dir.resolve("billing-service/.git"));

        TallyRun r = process(
                repo,
                env(),
                List.of(
                        "aws",
                        "sts",
                        "get-caller-identity",
                        "--profile",
                        "tracked",
                        "--output",
                        "text",
                        "--query",
                        "Arn"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip())
                .matches("arn:aws:sts::123456789012:assumed-role/tally-dev/cc-billing-service-\\d{10}");
        assertThat(aws.calls().recentAssumeRoleCalls().stream()
                        .filter(c -> "billing-service".equals(c.tags().get("Project"))))
                .singleElement()
                .satisfies(c -> assertThat(c.tags()).containsEntry("User", "carol"));
    }

    @Test
    void setupProfile_isIdempotentAndKeepsOtherLines() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "; a comment\n[profile other]\nregion = ap-south-1\n");
        setup("setup", "profile", "--config-file", config.toString());
        String once = Files.readString(config);
        assertThat(once)
                .startsWith(
                        "; a comment\n[profile other]\nregion = ap-south-1\n\n[profile cc-tracked]\ncredential_process = ")
                // One default region for setup profile, creds and run.
                .endsWith(
                        " --region " + CredsOption.DEFAULT_REGION + "\nregion = " + CredsOption.DEFAULT_REGION + "\n");
        assertThat(CredsOption.DEFAULT_REGION).isEqualTo("us-east-1");
        assertThat(setup("setup", "profile", "--config-file", config.toString()))
                .contains("already up to date: [profile cc-tracked]");
        assertThat(Files.readString(config)).isEqualTo(once);
    }

    @Test
    void setupProfile_valuesTallyCredsWouldRefuse_areOneLineAndWriteNothing() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\n");
        for (String[] bad : List.of(
                new String[] {"--region", "EU west"}, new String[] {"--role-arn", "arn:aws:iam::123:user/bob"})) {
            List<String> args =
                    new java.util.ArrayList<>(List.of("setup", "profile", "--config-file", config.toString()));
            args.addAll(List.of(bad));
            StringWriter err = new StringWriter();
            assertThat(Tally.run(
                            new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new)))
                    .isEqualTo(2);
            assertThat(err.toString())
                    .startsWith("tally: setup profile: " + bad[0] + " '" + bad[1] + "' is not a ")
                    .hasLineCount(1);
        }
        assertThat(Files.readString(config)).isEqualTo("[default]\nregion = us-east-1\n");
    }

    @Test
    void run_passesTheExitCodeAndSetsTheEnvironment() throws Exception {
        Path config = dir.resolve("config");
        setup("setup", "profile", "--name", "tracked", "--region", "eu-central-1", "--config-file", config.toString());
        Map<String, String> env = env();
        env.put("OTEL_RESOURCE_ATTRIBUTES", "service.name=cli,project=old");
        env.put("AWS_ACCESS_KEY_ID", "AKIASHOULDBEREMOVED0");
        Path repo = Files.createDirectories(dir.resolve("web app"));
        Files.createDirectories(dir.resolve("web app/.git"));
        TallyRun r = process(
                repo,
                env,
                tally(
                        "run",
                        "--profile",
                        "tracked",
                        "--model",
                        "us.anthropic.claude-sonnet-4-6",
                        "--",
                        "sh",
                        "-c",
                        "echo \"$AWS_PROFILE|$AWS_REGION|$TALLY_PROJECT|$TALLY_USER|$CLAUDE_CODE_USE_BEDROCK|$ANTHROPIC_MODEL|"
                                + "$OTEL_RESOURCE_ATTRIBUTES|${AWS_ACCESS_KEY_ID:-unset}\"; exit 7"));
        assertThat(r.exit()).isEqualTo(7);
        assertThat(r.out())
                .isEqualTo(
                        "tracked|eu-central-1|web app|carol|1|us.anthropic.claude-sonnet-4-6|service.name=cli,project=web%20app|unset\n");
        assertThat(r.err()).contains("AWS_ACCESS_KEY_ID removed");
    }

    @Test
    void run_missingCommandOrProfile_isOneClearLine() throws Exception {
        Path config = dir.resolve("config");
        setup("setup", "profile", "--config-file", config.toString());
        TallyRun missing = process(dir, env(), tally("run", "--", "no-such-command-for-tally-test"));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err())
                .isEqualTo("tally: run: cannot start 'no-such-command-for-tally-test': not found on PATH\n");
        TallyRun noProfile = process(dir, env(), tally("run", "--profile", "absent", "--", "true"));
        assertThat(noProfile.exit()).isEqualTo(2);
        assertThat(noProfile.err())
                .startsWith("tally: run: profile 'absent' is not in ")
                .contains("tally setup profile --name absent")
                .hasLineCount(1);
        TallyRun signalled = process(dir, env(), tally("run", "--", "sh", "-c", "kill -TERM $$"));
        assertThat(signalled.exit()).isEqualTo(128 + 15);
    }
}
