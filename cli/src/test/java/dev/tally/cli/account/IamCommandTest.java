package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.cli.TallyRun;
import dev.tally.testing.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

    @TempDir
    Path dir;

    @Test
    void policy_json_holdsTrustAndBothInlinePolicies() throws Exception {
        TallyRun r = TallyRun.inProcess("iam", "policy", "--principal", ALICE, "--enforce-tag", "Project");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.at("/trustPolicy/Statement/0/Principal/AWS").asText()).isEqualTo(ALICE);
        assertThat(root.at("/trustPolicy/Statement/0/Action").toString())
                .isEqualTo("[\"sts:AssumeRole\",\"sts:TagSession\"]");
        assertThat(root.get("inlinePolicies").fieldNames())
                .toIterable()
                .containsExactly("tally-bedrock-invoke", "tally-require-tags");
    }

    @Test
    void policy_out_writesTheTemplateFile() throws Exception {
        Path file = dir.resolve("role.yaml");
        TallyRun r = TallyRun.inProcess(
                "iam", "policy", "--principal", ALICE, "--format", "cloudformation-yaml", "--out", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(file))
                .startsWith("AWSTemplateFormatVersion: \"2010-09-09\"\n")
                .contains("Type: \"AWS::IAM::Role\"");
        assertThat(TallyRun.inProcess(
                                "iam",
                                "policy",
                                "--principal",
                                ALICE,
                                "--out",
                                dir.resolve("missing/x.json").toString())
                        .err())
                .contains("does not exist")
                .hasLineCount(1);
    }

    @Test
    void apply_againstMoto_createsTheRoleThenReportsNoChanges() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            String[] args = {
                "iam",
                "apply",
                "--role-name",
                "tally-bedrock",
                "--principal",
                ALICE,
                "--enforce-tag",
                "Project",
                "--max-session",
                "14400",
                "--tag",
                "Team=ml"
            };
            TallyRun first = TallyProcess.against(moto.endpoint(), dir, args);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("""
                    role tally-bedrock: created, trusting arn:aws:iam::123456789012:user/alice, max session 14400 s, tags [Team=ml]
                    policy tally-bedrock-invoke: created
                    policy tally-require-tags: created
                    role ARN: arn:aws:iam::123456789012:role/tally-bedrock
                    """);
            JsonNode role = aws(moto.endpoint(), "iam", "get-role", "--role-name", "tally-bedrock")
                    .get("Role");
            assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Action").toString())
                    .isEqualTo("[\"sts:AssumeRole\",\"sts:TagSession\"]");
            assertThat(role.get("MaxSessionDuration").asInt()).isEqualTo(14400);

            TallyRun second = TallyProcess.against(moto.endpoint(), dir, args);
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).startsWith("role tally-bedrock: no changes\n");

            TallyRun third = TallyProcess.against(
                    moto.endpoint(), dir, "iam", "apply", "--role-name", "tally-bedrock", "--principal", ALICE);
            assertThat(third.out()).startsWith("policy tally-require-tags: removed (no tag is enforced)\n");
            assertThat(aws(moto.endpoint(), "iam", "list-role-policies", "--role-name", "tally-bedrock")
                            .get("PolicyNames")
                            .toString())
                    .isEqualTo("[\"tally-bedrock-invoke\"]");
        }
    }

    @Test
    void apply_unreachableEndpoint_isOneFailureLine() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + MotoServer.freePort());
        TallyRun r = TallyProcess.against(nowhere, dir, "iam", "apply", "--role-name", "r", "--principal", ALICE);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("tally: cannot reach IAM for GetRole on role r (")
                .hasLineCount(1);
    }

    static JsonNode aws(URI endpoint, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(concat(List.of("aws", "--endpoint-url", endpoint.toString()), args));
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().remove("AWS_PROFILE");
        Process p = pb.redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out)).isZero();
        return JSON.readTree(out);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        all.addAll(List.of("--output", "json"));
        return all;
    }
}
