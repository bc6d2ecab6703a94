package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.IamUser;
import dev.tally.emulator.Role;
import dev.tally.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatusEntry;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * {@code tally doctor} as a separate process against two independent peers at once, each through the SDK's
 * per-service endpoint settings: IAM is moto's (roles created with the AWS CLI), STS, Cost Explorer and
 * Data Exports are the emulator's (which, unlike moto, refuses tagged sessions on a role without
 * {@code sts:TagSession}). The account starts empty and is set up step by step; tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorCommandTest {
    private static final String ACCOUNT = "123456789012";
    private static final String DEVELOPER = "arn:aws:iam::" + ACCOUNT + ":user/" + IamUser.DEFAULT.name();
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/tally-dev";
    private static final String NO_TAG_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/tally-notag";

    @TempDir
    static Path dir;

    private static MotoServer moto;
    private static Emulator emulator;
    private static TallyProcess tally;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        emulator = Emulator.start(EmulatorConfig.builder()
                .curOut(dir.resolve("cur"))
                .role(Role.DEFAULT)
                .role(new Role("tally-notag", false, Duration.ofHours(1)))
                .build());
        Files.writeString(
                dir.resolve("credentials"),
                "[default]\naws_access_key_id = " + IamUser.DEFAULT.accessKeyId() + "\naws_secret_access_key = "
                        + IamUser.DEFAULT.secretAccessKey() + "\n");
        Files.writeString(dir.resolve("config"), "# the developer's own settings\n[default]\nregion = us-east-1\n");
        tally = new TallyProcess(emulator.endpoint(), dir)
                .withEnvironment(Map.of(
                        "AWS_ENDPOINT_URL_IAM",
                        moto.endpoint().toString(),
                        "AWS_CONFIG_FILE",
                        dir.resolve("config").toString(),
                        "AWS_SHARED_CREDENTIALS_FILE",
                        dir.resolve("credentials").toString(),
                        "AWS_ACCESS_KEY_ID",
                        "",
                        "AWS_SECRET_ACCESS_KEY",
                        "",
                        "TALLY_ROLE_ARN",
                        "",
                        "CC_ROLE_ARN",
                        "",
                        "XDG_CACHE_HOME",
                        dir.resolve("cache").toString()));
        // A role that trusts the developer for AssumeRole but not TagSession, and grants nothing.
        aws(
                "iam",
                "create-role",
                "--role-name",
                "tally-notag",
                "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + DEVELOPER
                        + "\"},\"Action\":\"sts:AssumeRole\"}]}");
    }

    @AfterAll
    static void stop() {
        emulator.close();
        moto.close();
    }

    @Test
    @Order(1)
    void doctor_freshAccount_failsEachMissingStepWithItsFix() throws Exception {
        TallyRun r = tally.run("doctor", "--role-arn", NO_TAG_ROLE);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("[pass] source credentials resolve: " + DEVELOPER + " (profile 'default')");
        assertThat(lines.get(1)).isEqualTo("[pass] role exists: " + NO_TAG_ROLE);
        assertThat(lines.get(2))
                .startsWith("[FAIL] trust allows tagged sessions: ")
                .contains("lacks sts:TagSession")
                .contains("Fix: tally iam apply --role-name tally-notag --principal " + DEVELOPER)
                .contains("\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]");
        assertThat(lines.get(3))
                .startsWith("[FAIL] permissions cover Bedrock invoke: ")
                .contains("do not allow bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream")
                .contains("Fix: tally iam apply --role-name tally-notag --principal " + DEVELOPER);
        assertThat(lines.get(4))
                .startsWith(
                        "[FAIL] Project and User are active cost allocation tags: Cost Explorer knows no Project or User tag yet")
                .contains("Fix: make one Bedrock call through tally creds")
                .contains("tally tags activate iamPrincipal/Project iamPrincipal/User");
        assertThat(lines.get(5))
                .startsWith("[FAIL] a CUR 2.0 export includes IAM principal data: the account has no CUR 2.0 export")
                .contains("Fix: tally export create --name tally-cur2 --bucket BUCKET --prefix cur2");
        assertThat(lines.get(6))
                .isEqualTo("[FAIL] AWS profile cc-tracked uses tally creds: " + dir.resolve("config")
                        + " has no profile cc-tracked Fix: tally setup profile --name cc-tracked --role-arn "
                        + NO_TAG_ROLE);
        assertThat(lines.get(7)).isEqualTo("5 of 7 checks did not pass.");
    }

    @Test
    @Order(2)
    void doctor_malformedRoleArn_isOneUsageLineBeforeAnyCall() throws Exception {
        long before = emulator.calls().counts().getOrDefault("sts:GetCallerIdentity", 0L);
        TallyRun r = tally.run("doctor", "--role-arn", "arn:aws:iam::" + ACCOUNT + ":user/bob");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("tally: 'arn:aws:iam::" + ACCOUNT + ":user/bob' is not a role ARN")
                .hasLineCount(1);
        assertThat(emulator.calls().counts().getOrDefault("sts:GetCallerIdentity", 0L))
                .isEqualTo(before);
    }

    @Test
    @Order(2)
    void doctor_missingRole_namesTheCommandThatCreatesIt() throws Exception {
        TallyRun r = tally.run("doctor", "--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/absent");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("[FAIL] role exists: IAM has no role arn:aws:iam::" + ACCOUNT
                        + ":role/absent Fix: tally iam apply " + "--role-name absent --principal " + DEVELOPER);
        assertThat(r.out())
                .contains("[skip] permissions cover Bedrock invoke: not checked: needs the role read from IAM");
    }

    @Test
    @Order(3)
    void doctor_badSourceCredentials_skipsWhatNeedsThemAndNeverPrintsTheSecret() throws Exception {
        Path wrong = dir.resolve("wrong-credentials");
        Files.writeString(
                wrong,
                "[default]\naws_access_key_id = " + IamUser.DEFAULT.accessKeyId()
                        + "\naws_secret_access_key = notTheSecretAtAll\n");
        TallyRun r = tally.withEnvironment(Map.of("AWS_SHARED_CREDENTIALS_FILE", wrong.toString()))
                .run("doctor", "--role-arn", ROLE);
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0))
                .startsWith(
                        "[FAIL] source credentials resolve: STS rejected the credentials for GetCallerIdentity (SignatureDoesNotMatch: ")
                .contains("Fix: aws configure --profile default");
        assertThat(lines.subList(1, 6))
                .allSatisfy(l -> assertThat(l).startsWith("[skip] ").endsWith("not checked: needs source credentials"));
        assertThat(r.out() + r.err())
                .doesNotContain("notTheSecretAtAll")
                .doesNotContain(IamUser.DEFAULT.secretAccessKey());
    }

    @Test
    @Order(4)
    void doctor_completeSetup_passesEveryCheckAndExitsZero() throws Exception {
        aws(
                "iam",
                "create-role",
                "--role-name",
                "tally-dev",
                "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + DEVELOPER
                        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
        aws(
                "iam",
                "put-role-policy",
                "--role-name",
                "tally-dev",
                "--policy-name",
                "bedrock",
                "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"bedrock:InvokeModel*\",\"Resource\":\"*\"}]}");
        billOneTaggedCall();
        try (CostExplorerClient ce = CostExplorerClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(developer())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            // Built entries rather than builder lambdas: a generic Consumer varargs call is an unchecked array
            // creation.
            ce.updateCostAllocationTagsStatus(r -> r.costAllocationTagsStatus(
                    CostAllocationTagStatusEntry.builder()
                            .tagKey("iamPrincipal/Project")
                            .status("Active")
                            .build(),
                    CostAllocationTagStatusEntry.builder()
                            .tagKey("iamPrincipal/User")
                            .status("Active")
                            .build()));
        }
        TallyRun export =
                tally.run("export", "create", "--name", "bedrock-cur2", "--bucket", "acme-billing", "--prefix", "cur2");
        assertThat(export.exit()).as(export.err()).isZero();
        Files.writeString(
                dir.resolve("config"),
                "\n[profile cc-tracked]\ncredential_process = '/opt/my tally/bin/tally' creds --role-arn " + ROLE
                        + " --region us-east-1\n",
                java.nio.file.StandardOpenOption.APPEND);

        TallyRun r = tally.run("doctor");
        assertThat(r.exit()).as(r.out()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.subList(0, 7)).allSatisfy(l -> assertThat(l).startsWith("[pass] "));
        assertThat(lines.get(2))
                .contains("a tagged AssumeRole on " + ROLE + " succeeded")
                .contains("the trust policy allows " + DEVELOPER + " sts:AssumeRole and sts:TagSession");
        assertThat(lines.get(4)).endsWith("iamPrincipal/Project, iamPrincipal/User active");
        assertThat(lines.get(5)).endsWith(": bedrock-cur2");
        assertThat(lines.get(6)).contains("credential_process = /opt/my tally/bin/tally creds --role-arn " + ROLE);
        assertThat(lines.get(7)).isEqualTo("All 7 checks pass.");
    }

    private static void billOneTaggedCall() {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(developer())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            var c = sts.assumeRole(r -> r.roleArn(ROLE)
                            .roleSessionName("cc-shop-1")
                            .tags(
                                    Tag.builder().key("Project").value("shop").build(),
                                    Tag.builder().key("User").value("ana").build()))
                    .credentials();
            try (BedrockRuntimeClient bedrock = BedrockRuntimeClient.builder()
                    .endpointOverride(emulator.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                bedrock.invokeModel(r -> r.modelId("us.anthropic.claude-sonnet-4-6")
                        .contentType("application/json")
                        .body(SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
            }
        }
        emulator.flush();
    }

    private static StaticCredentialsProvider developer() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(IamUser.DEFAULT.accessKeyId(), IamUser.DEFAULT.secretAccessKey()));
    }

    private static void aws(String... args) throws Exception {
        IamCommandTest.aws(moto.endpoint(), args);
    }
}
