package dev.tally.account.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TrustedPrincipal ALICE = TrustedPrincipal.parse("arn:aws:iam::111122223333:user/alice");

    @Test
    void trust_allowsAssumeRoleAndTagSessionForThePrincipal() throws Exception {
        JsonNode expected = JSON.readTree("""
                {"Version":"2012-10-17","Statement":[{"Sid":"TrustTallyPrincipal","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""");
        assertThat(PolicyDocuments.of(ALICE, List.of()).trust().toJson()).isEqualTo(expected);
    }

    @Test
    void permissions_grantInvokeOnModelsAndProfilesAndListOnEverything() throws Exception {
        JsonNode doc = PolicyDocuments.of(TrustedPrincipal.parse("arn:aws-cn:iam::111122223333:role/ci"), List.of())
                .permissions()
                .toJson();
        JsonNode invoke = doc.get("Statement").get(0);
        assertThat(invoke.get("Action").toString())
                .isEqualTo(
                        "[\"bedrock:InvokeModel\",\"bedrock:InvokeModelWithResponseStream\",\"bedrock:CountTokens\"]");
        assertThat(invoke.get("Resource").toString())
                .isEqualTo(
                        "[\"arn:aws-cn:bedrock:*::foundation-model/*\","
                                + "\"arn:aws-cn:bedrock:*:*:inference-profile/*\",\"arn:aws-cn:bedrock:*:*:application-inference-profile/*\"]");
        assertThat(doc.get("Statement").get(1).get("Action").toString()).isEqualTo("[\"bedrock:GetInferenceProfile\"]");
        assertThat(doc.get("Statement").get(2).get("Action").toString())
                .isEqualTo("[\"bedrock:ListInferenceProfiles\"]");
        assertThat(doc.get("Statement").get(2).get("Resource").asText()).isEqualTo("*");
    }

    @Test
    void requireTags_oneDenyPerKey_becauseKeysInOneNullBlockAreAnded() throws Exception {
        PolicyDocuments docs = PolicyDocuments.of(ALICE, List.of("Project", "User", "project"));
        JsonNode deny = docs.requireTags().orElseThrow().toJson();
        assertThat(deny).isEqualTo(JSON.readTree("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"RequireProjectTag","Effect":"Deny","Action":["bedrock:InvokeModel*"],"Resource":"*",
                  "Condition":{"Null":{"aws:PrincipalTag/Project":"true"}}},
                 {"Sid":"RequireUserTag","Effect":"Deny","Action":["bedrock:InvokeModel*"],"Resource":"*",
                  "Condition":{"Null":{"aws:PrincipalTag/User":"true"}}}]}"""));
        assertThat(docs.inlinePolicies()).containsOnlyKeys("tally-bedrock-invoke", "tally-require-tags");
        assertThat(PolicyDocuments.of(ALICE, List.of()).inlinePolicies()).containsOnlyKeys("tally-bedrock-invoke");
    }

    @Test
    void requireTags_keyOutsideIamTagRules_isOneUsageLine() {
        assertThatThrownBy(() -> PolicyDocuments.of(ALICE, List.of("Cost$Center")))
                .hasMessageStartingWith("tag key 'Cost$Center':");
        assertThatThrownBy(() -> PolicyDocuments.of(ALICE, List.of("aws:team")))
                .hasMessageContaining("may not start with 'aws:'");
        assertThatThrownBy(() -> PolicyDocuments.of(ALICE, List.of("x".repeat(129))))
                .hasMessageContaining("between 1 and 128");
    }

    @Test
    void parse_readsUrlEncodedDocumentsAndStringOrListElementsAlike() {
        String asIamReturnsIt = URLEncoder.encode("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/alice"]},
                 "Action":["sts:AssumeRole","sts:TagSession"]}}""", StandardCharsets.UTF_8).replace("+", "%20");
        PolicyDocument parsed = PolicyDocument.parse(asIamReturnsIt);
        PolicyDocument ours = PolicyDocuments.of(ALICE, List.of()).trust();
        assertThat(parsed.statements().getFirst().principals())
                .isEqualTo(ours.statements().getFirst().principals());
        assertThat(parsed.statements().getFirst().actions())
                .isEqualTo(ours.statements().getFirst().actions());
        assertThat(PolicyDocument.parse(ours.toJsonString())).isEqualTo(ours);
    }

    @Test
    void parse_notAPolicy_isBadData() {
        assertThatThrownBy(() -> PolicyDocument.parse("{not json")).hasMessageStartingWith("not a policy document");
    }
}
