package dev.tally.account.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.testing.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@link RoleApplier} and {@link RoleCheck} against moto's IAM, with the AWS CLI (botocore, which decodes
 * IAM's URL-encoded documents itself) as the independent reader of what was written.
 */
class RoleApplierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "arn:aws:iam::123456789012:user/alice";
    private static final String CI = "arn:aws:iam::123456789012:role/ci";
    private static MotoServer moto;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        iam = TestAws.iam(moto.endpoint());
    }

    @AfterAll
    static void stop() {
        iam.close();
        moto.close();
    }

    private static RoleSpec spec(
            String role, String principal, List<String> enforce, OptionalInt maxSession, List<RoleTag> tags) {
        return new RoleSpec(
                RoleName.of(role), PolicyDocuments.of(TrustedPrincipal.parse(principal), enforce), maxSession, tags);
    }

    @Test
    void apply_newRole_createsItWithEverythingAndASecondRunChangesNothing() throws Exception {
        RoleSpec spec =
                spec("tally-new", ALICE, List.of("Project"), OptionalInt.of(7200), List.of(RoleTag.parse("Team=ml")));
        RoleApplier.Applied first = new RoleApplier(iam).apply(spec);
        assertThat(first.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/tally-new");
        assertThat(first.changes())
                .extracting(RoleApplier.Change::item)
                .containsExactly("role tally-new", "policy tally-bedrock-invoke", "policy tally-require-tags");

        JsonNode role = TestAws.cli(moto.endpoint(), "iam", "get-role", "--role-name", "tally-new")
                .get("Role");
        assertThat(role.get("AssumeRolePolicyDocument")).isEqualTo(JSON.readTree("""
                {"Version":"2012-10-17","Statement":[{"Sid":"TrustTallyPrincipal","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"""));
        assertThat(role.get("MaxSessionDuration").asInt()).isEqualTo(7200);
        JsonNode tags = TestAws.cli(moto.endpoint(), "iam", "list-role-tags", "--role-name", "tally-new")
                .get("Tags");
        assertThat(tags.toString()).isEqualTo("[{\"Key\":\"Team\",\"Value\":\"ml\"}]");
        JsonNode invoke = TestAws.cli(
                        moto.endpoint(),
                        "iam",
                        "get-role-policy",
                        "--role-name",
                        "tally-new",
                        "--policy-name",
                        "tally-bedrock-invoke")
                .get("PolicyDocument");
        assertThat(invoke.at("/Statement/0/Action").toString())
                .isEqualTo(
                        "[\"bedrock:InvokeModel\",\"bedrock:InvokeModelWithResponseStream\",\"bedrock:CountTokens\"]");
        JsonNode deny = TestAws.cli(
                        moto.endpoint(),
                        "iam",
                        "get-role-policy",
                        "--role-name",
                        "tally-new",
                        "--policy-name",
                        "tally-require-tags")
                .get("PolicyDocument");
        assertThat(deny.at("/Statement/0/Condition/Null/aws:PrincipalTag~1Project")
                        .asText())
                .isEqualTo("true");

        assertThat(new RoleApplier(iam).apply(spec).changes()).isEmpty();
    }

    @Test
    void apply_changedSpec_updatesOnlyWhatDiffersAndRemovesTheDenyWhenNoTagIsEnforced() throws Exception {
        new RoleApplier(iam)
                .apply(spec(
                        "tally-change",
                        ALICE,
                        List.of("Project"),
                        OptionalInt.of(7200),
                        List.of(RoleTag.parse("Team=ml"))));
        List<RoleApplier.Change> changes = new RoleApplier(iam)
                .apply(spec(
                        "tally-change",
                        CI,
                        List.of(),
                        OptionalInt.of(43200),
                        List.of(RoleTag.parse("Team=data"), RoleTag.parse("Owner=ops"))))
                .changes();
        assertThat(changes)
                .extracting(Object::toString)
                .containsExactly(
                        "trust policy: updated to trust arn:aws:iam::123456789012:role/ci with sts:AssumeRole and sts:TagSession",
                        "max session: 7200 s -> 43200 s",
                        "tag Team: 'ml' -> 'data'",
                        "tag Owner: added 'ops'",
                        "policy tally-require-tags: removed (no tag is enforced)");

        JsonNode role = TestAws.cli(moto.endpoint(), "iam", "get-role", "--role-name", "tally-change")
                .get("Role");
        assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/AWS")
                        .asText())
                .isEqualTo(CI);
        assertThat(role.get("MaxSessionDuration").asInt()).isEqualTo(43200);
        assertThat(role.get("Description").asText()).isEqualTo(RoleApplier.DESCRIPTION);
        assertThat(TestAws.cli(moto.endpoint(), "iam", "list-role-policies", "--role-name", "tally-change")
                        .get("PolicyNames")
                        .toString())
                .isEqualTo("[\"tally-bedrock-invoke\"]");
    }

    @Test
    void roleCheck_tallysRole_allowsTaggedSessionsAndInvocation() {
        new RoleApplier(iam).apply(spec("tally-checked", ALICE, List.of("Project"), OptionalInt.empty(), List.of()));
        RoleCheck check = RoleCheck.of(
                new RoleReader(iam).read(RoleName.of("tally-checked")).orElseThrow());
        assertThat(check.missingTrustActions(ALICE)).isEmpty();
        assertThat(check.missingTrustActions("arn:aws:iam::123456789012:user/mallory"))
                .containsExactly("sts:AssumeRole", "sts:TagSession");
        assertThat(check.missingInvokeActions()).isEmpty();
        assertThat(check.role().maxSessionSeconds()).isEqualTo(3600);
    }

    @Test
    void roleCheck_handMadeRole_findsMissingTagSessionAndReadsAttachedPolicies() throws Exception {
        URI e = moto.endpoint();
        TestAws.cli(e, "iam", "create-role", "--role-name", "hand-made", "--assume-role-policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}""");
        String policyArn = TestAws.cli(
                        e, "iam", "create-policy", "--policy-name", "bedrock-all", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"}]}""")
                .at("/Policy/Arn")
                .asText();
        TestAws.cli(e, "iam", "attach-role-policy", "--role-name", "hand-made", "--policy-arn", policyArn);

        RoleCheck check = RoleCheck.of(new RoleReader(iam)
                .read(RoleReader.nameOf("arn:aws:iam::123456789012:role/hand-made"))
                .orElseThrow());
        assertThat(check.missingTrustActions(ALICE)).containsExactly("sts:TagSession");
        assertThat(check.role().attachedPolicies()).containsOnlyKeys(policyArn);
        assertThat(check.missingInvokeActions()).isEmpty();
        assertThat(new RoleReader(iam).read(RoleName.of("no-such-role"))).isEmpty();
    }

    @Test
    void apply_callerWithoutPutRolePolicy_namesTheRefusedAction() throws Exception {
        try (MotoServer own = MotoServer.start()) {
            URI e = own.endpoint();
            TestAws.cli(e, "iam", "create-user", "--user-name", "limited");
            TestAws.cli(
                    e,
                    "iam",
                    "put-user-policy",
                    "--user-name",
                    "limited",
                    "--policy-name",
                    "no-put",
                    "--policy-document",
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","iam:CreateRole","iam:List*"],"Resource":"*"}]}""");
            JsonNode key = TestAws.cli(e, "iam", "create-access-key", "--user-name", "limited")
                    .get("AccessKey");
            TestAws.enforceIamAuthorization(e);
            try (IamClient limited = TestAws.iam(
                    e,
                    key.get("AccessKeyId").asText(),
                    key.get("SecretAccessKey").asText())) {
                assertThatThrownBy(() -> new RoleApplier(limited)
                                .apply(spec("tally-denied", ALICE, List.of(), OptionalInt.empty(), List.of())))
                        .isInstanceOf(TallyException.class)
                        .satisfies(t -> assertThat(((TallyException) t).kind()).isEqualTo(ErrorKind.FAILURE))
                        .hasMessageStartingWith(
                                "IAM refused PutRolePolicy on role tally-denied: the caller lacks iam:PutRolePolicy (AccessDenied: ")
                        .hasMessageContaining("not authorized to perform: iam:PutRolePolicy")
                        .hasMessageNotContaining("\n");
            }
        }
    }

    @Test
    void apply_unreachableEndpoint_isOneFailureLine() {
        try (IamClient nowhere = TestAws.iam(URI.create("http://127.0.0.1:" + MotoServer.freePort()))) {
            assertThatThrownBy(() ->
                            new RoleApplier(nowhere).apply(spec("x", ALICE, List.of(), OptionalInt.empty(), List.of())))
                    .isInstanceOf(TallyException.class)
                    .hasMessageStartingWith("cannot reach IAM for GetRole on role x (")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void roleSpec_maxSessionOutsideIamsRange_isAUsageError() {
        assertThatThrownBy(() -> spec("x", ALICE, List.of(), OptionalInt.of(900), List.of()))
                .hasMessageContaining("outside IAM's range 3600 to 43200");
        assertThatThrownBy(() -> spec("x", ALICE, List.of(), OptionalInt.of(43201), List.of()))
                .hasMessageContaining("43201 s");
        assertThatThrownBy(() -> RoleName.of("bad/name")).hasMessageContaining("not a valid IAM role name");
        assertThatThrownBy(() -> RoleName.of("r".repeat(65))).hasMessageContaining("1 to 64 characters");
        assertThatThrownBy(() -> RoleTag.parse("Team")).hasMessageContaining("has no '='");
        assertThatThrownBy(() -> spec(
                        "x",
                        ALICE,
                        List.of(),
                        OptionalInt.empty(),
                        List.of(RoleTag.parse("team=a"), RoleTag.parse("Team=b"))))
                .hasMessageContaining("case-insensitive");
    }
}
