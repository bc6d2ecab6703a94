package dev.tally.account.iam;

import static dev.tally.account.iam.PolicyEvaluator.Verdict.ALLOWED;
import static dev.tally.account.iam.PolicyEvaluator.Verdict.DENIED;
import static dev.tally.account.iam.PolicyEvaluator.Verdict.LIMITED;
import static dev.tally.account.iam.PolicyEvaluator.Verdict.NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final List<String> MODELS =
            List.of("arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*");

    private static PolicyDocument doc(String json) {
        return PolicyDocument.parse(json);
    }

    @Test
    void actionMatches_isCaseInsensitiveWithWildcards() {
        assertThat(PolicyEvaluator.actionMatches("bedrock:Invoke*", "bedrock:InvokeModelWithResponseStream"))
                .isTrue();
        assertThat(PolicyEvaluator.actionMatches("BEDROCK:invokemodel", "bedrock:InvokeModel"))
                .isTrue();
        assertThat(PolicyEvaluator.actionMatches("bedrock:*", "bedrock:InvokeModel"))
                .isTrue();
        assertThat(PolicyEvaluator.actionMatches("*", "sts:TagSession")).isTrue();
        assertThat(PolicyEvaluator.actionMatches("sts:?agSession", "sts:TagSession"))
                .isTrue();
        assertThat(PolicyEvaluator.actionMatches("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"))
                .isFalse();
        assertThat(PolicyEvaluator.actionMatches("sts:AssumeRole*", "sts:TagSession"))
                .isFalse();
    }

    @Test
    void trustAllows_withoutTagSession_isNotAllowed_theMostCommonSetupMistake() {
        PolicyDocument trust = doc("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}""".formatted(ALICE));
        assertThat(PolicyEvaluator.trustAllows(trust, ALICE, "sts:AssumeRole")).isEqualTo(ALLOWED);
        assertThat(PolicyEvaluator.trustAllows(trust, ALICE, "sts:TagSession")).isEqualTo(NOT_ALLOWED);
    }

    @Test
    void trustAllows_principalAsListAccountRootBareAccountOrWildcard() {
        String list = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::999999999999:user/x","%s"]},"Action":["sts:*"]}]}""".formatted(ALICE);
        assertThat(PolicyEvaluator.trustAllows(doc(list), ALICE, "sts:TagSession"))
                .isEqualTo(ALLOWED);
        String root = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:TagSession"}]}""";
        assertThat(PolicyEvaluator.trustAllows(doc(root), ALICE, "sts:TagSession"))
                .isEqualTo(ALLOWED);
        assertThat(PolicyEvaluator.trustAllows(doc(root), "arn:aws:iam::444455556666:user/eve", "sts:TagSession"))
                .isEqualTo(NOT_ALLOWED);
        String bare = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:TagSession"}]}""";
        assertThat(PolicyEvaluator.trustAllows(doc(bare), ALICE, "sts:TagSession"))
                .isEqualTo(ALLOWED);
        String star = """
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"*"}]}""";
        assertThat(PolicyEvaluator.trustAllows(doc(star), ALICE, "sts:AssumeRole"))
                .isEqualTo(ALLOWED);
        String other = """
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        assertThat(PolicyEvaluator.trustAllows(doc(other), ALICE, "sts:AssumeRole"))
                .isEqualTo(NOT_ALLOWED);
    }

    @Test
    void trustAllows_conditionalAllowIsLimited_unconditionalDenyWins() {
        String conditional = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                  "Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}""".formatted(ALICE);
        assertThat(PolicyEvaluator.trustAllows(doc(conditional), ALICE, "sts:AssumeRole"))
                .isEqualTo(LIMITED);
        String denied = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:*"},
                              {"Effect":"Deny","Principal":"*","Action":"sts:TagSession"}]}""".formatted(ALICE);
        assertThat(PolicyEvaluator.trustAllows(doc(denied), ALICE, "sts:TagSession"))
                .isEqualTo(DENIED);
        assertThat(PolicyEvaluator.trustAllows(doc(denied), ALICE, "sts:AssumeRole"))
                .isEqualTo(ALLOWED);
    }

    @Test
    void grants_wildcardActionsOnEveryModel() {
        for (String action : List.of("bedrock:Invoke*", "bedrock:*", "*")) {
            PolicyDocument p = doc("""
                    {"Statement":[{"Effect":"Allow","Action":"%s","Resource":"*"}]}""".formatted(action));
            assertThat(PolicyEvaluator.grants(List.of(p), "bedrock:InvokeModelWithResponseStream", MODELS))
                    .as(action)
                    .isEqualTo(ALLOWED);
        }
    }

    @Test
    void grants_oneModelOnly_isLimited_andAnotherActionIsNotAllowed() {
        PolicyDocument p = doc("""
                {"Statement":[{"Effect":"Allow","Action":["bedrock:InvokeModel"],
                  "Resource":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6"}]}""");
        assertThat(PolicyEvaluator.grants(List.of(p), "bedrock:InvokeModel", MODELS))
                .isEqualTo(LIMITED);
        assertThat(PolicyEvaluator.grants(List.of(p), "bedrock:InvokeModelWithResponseStream", MODELS))
                .isEqualTo(NOT_ALLOWED);
    }

    @Test
    void grants_tallysOwnPolicies_allowInvoke_andTheConditionalDenyDoesNotCount() {
        PolicyDocuments docs = PolicyDocuments.of(TrustedPrincipal.parse(ALICE), List.of("Project"));
        assertThat(PolicyEvaluator.grants(docs.inlinePolicies().values(), "bedrock:InvokeModel", MODELS))
                .isEqualTo(ALLOWED);
        PolicyDocument deny = doc("""
                {"Statement":[{"Effect":"Deny","Action":"bedrock:*","Resource":"*"}]}""");
        assertThat(PolicyEvaluator.grants(List.of(docs.permissions(), deny), "bedrock:InvokeModel", MODELS))
                .isEqualTo(DENIED);
    }

    @Test
    void notActionStatements_matchNothing() {
        PolicyDocument p = doc("""
                {"Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}""");
        assertThat(PolicyEvaluator.grants(List.of(p), "bedrock:InvokeModel", MODELS))
                .isEqualTo(NOT_ALLOWED);
    }
}
