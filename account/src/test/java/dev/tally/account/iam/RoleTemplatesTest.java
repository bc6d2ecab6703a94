package dev.tally.account.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every format of {@code tally iam policy} against a golden file, and read back by a parser of that format:
 * HashiCorp's HCL parser for Terraform, Jackson's JSON and YAML parsers for CloudFormation. The documents
 * read back are compared with documents written out by hand here, not with the code under test.
 */
class RoleTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RoleName ROLE = RoleName.of("tally-bedrock");
    private static final PolicyDocuments DOCS = PolicyDocuments.of(
            TrustedPrincipal.parse(
                    "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1a2b"),
            List.of("Project", "User"));

    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Sid":"TrustTallyPrincipal","Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1a2b"},
             "Action":["sts:AssumeRole","sts:TagSession"]}]}""";
    private static final String PERMISSIONS = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"InvokeBedrockModels","Effect":"Allow",
              "Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream","bedrock:CountTokens"],
              "Resource":["arn:aws:bedrock:*::foundation-model/*","arn:aws:bedrock:*:*:inference-profile/*",
                          "arn:aws:bedrock:*:*:application-inference-profile/*"]},
             {"Sid":"ReadInferenceProfiles","Effect":"Allow","Action":["bedrock:GetInferenceProfile"],
              "Resource":["arn:aws:bedrock:*:*:inference-profile/*","arn:aws:bedrock:*:*:application-inference-profile/*"]},
             {"Sid":"ListInferenceProfiles","Effect":"Allow","Action":["bedrock:ListInferenceProfiles"],"Resource":"*"}]}""";
    private static final String REQUIRE_TAGS = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"RequireProjectTag","Effect":"Deny","Action":["bedrock:InvokeModel*"],"Resource":"*",
              "Condition":{"Null":{"aws:PrincipalTag/Project":"true"}}},
             {"Sid":"RequireUserTag","Effect":"Deny","Action":["bedrock:InvokeModel*"],"Resource":"*",
              "Condition":{"Null":{"aws:PrincipalTag/User":"true"}}}]}""";

    @Test
    void json_matchesGoldenAndHoldsEveryDocument() throws Exception {
        String out = PolicyFormat.JSON.render(ROLE, DOCS);
        Golden.assertMatches("dev/tally/account/iam/policy.json", out);
        JsonNode root = JSON.readTree(out);
        assertThat(root.get("roleName").asText()).isEqualTo("tally-bedrock");
        assertThat(root.get("trustPolicy")).isEqualTo(JSON.readTree(TRUST));
        assertThat(root.get("inlinePolicies").get("tally-bedrock-invoke")).isEqualTo(JSON.readTree(PERMISSIONS));
        assertThat(root.get("inlinePolicies").get("tally-require-tags")).isEqualTo(JSON.readTree(REQUIRE_TAGS));
    }

    @Test
    void terraform_parsesAsHclWithTheRoleAndOnePolicyResourcePerDocument() throws Exception {
        String out = PolicyFormat.TERRAFORM.render(ROLE, DOCS);
        Golden.assertMatches("dev/tally/account/iam/policy.tf", out);
        JsonNode hcl = HclToJson.parse(out);
        JsonNode resources = hcl.get("resource");
        assertThat(resources.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("aws_iam_role", "aws_iam_role_policy");
        JsonNode role = resources.get("aws_iam_role").get("tally_bedrock").get(0);
        assertThat(role.get("name").asText()).isEqualTo("tally-bedrock");
        assertThat(jsonencoded(role.get("assume_role_policy").asText())).isEqualTo(JSON.readTree(TRUST));
        JsonNode policies = resources.get("aws_iam_role_policy");
        assertThat(policies.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("tally_bedrock_invoke", "tally_require_tags");
        JsonNode invoke = policies.get("tally_bedrock_invoke").get(0);
        assertThat(invoke.get("name").asText()).isEqualTo("tally-bedrock-invoke");
        assertThat(invoke.get("role").asText()).isEqualTo("${aws_iam_role.tally_bedrock.id}");
        assertThat(jsonencoded(invoke.get("policy").asText())).isEqualTo(JSON.readTree(PERMISSIONS));
        assertThat(jsonencoded(
                        policies.get("tally_require_tags").get(0).get("policy").asText()))
                .isEqualTo(JSON.readTree(REQUIRE_TAGS));
        assertThat(hcl.get("output").get("tally_role_arn").get(0).get("value").asText())
                .isEqualTo("${aws_iam_role.tally_bedrock.arn}");
    }

    @Test
    void terraform_keepsPolicyVariablesLiteral() throws Exception {
        assertThat(TerraformTemplate.string("arn:aws:iam::1:user/${aws:username}"))
                .isEqualTo("\"arn:aws:iam::1:user/$${aws:username}\"");
        JsonNode hcl = HclToJson.parse("locals {\n  x = " + TerraformTemplate.string("a\"b\\c ${d} %{e}") + "\n}\n");
        assertThat(hcl.get("locals").get(0).get("x").asText()).isEqualTo("a\"b\\c $${d} %%{e}");
    }

    @Test
    void cloudFormation_jsonAndYaml_areTheSameTemplateWithOneRole() throws Exception {
        String json = PolicyFormat.CLOUDFORMATION.render(ROLE, DOCS);
        String yaml = PolicyFormat.CLOUDFORMATION_YAML.render(ROLE, DOCS);
        Golden.assertMatches("dev/tally/account/iam/policy.cfn.json", json);
        Golden.assertMatches("dev/tally/account/iam/policy.cfn.yaml", yaml);
        JsonNode fromJson = JSON.readTree(json);
        assertThat(new YAMLMapper().readTree(yaml)).isEqualTo(fromJson);
        assertThat(fromJson.get("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
        JsonNode resources = fromJson.get("Resources");
        assertThat(resources.size()).isEqualTo(1);
        JsonNode role = resources.get("TallyBedrockRole");
        assertThat(role.get("Type").asText()).isEqualTo("AWS::IAM::Role");
        JsonNode props = role.get("Properties");
        assertThat(props.get("RoleName").asText()).isEqualTo("tally-bedrock");
        assertThat(props.get("AssumeRolePolicyDocument")).isEqualTo(JSON.readTree(TRUST));
        assertThat(props.get("Policies").get(0).get("PolicyName").asText()).isEqualTo("tally-bedrock-invoke");
        assertThat(props.get("Policies").get(0).get("PolicyDocument")).isEqualTo(JSON.readTree(PERMISSIONS));
        assertThat(props.get("Policies").get(1).get("PolicyName").asText()).isEqualTo("tally-require-tags");
        assertThat(props.get("Policies").get(1).get("PolicyDocument")).isEqualTo(JSON.readTree(REQUIRE_TAGS));
        assertThat(fromJson.at("/Outputs/RoleArn/Value/Fn::GetAtt").toString())
                .isEqualTo("[\"TallyBedrockRole\",\"Arn\"]");
    }

    /**
     * hcl2json leaves function calls as {@code ${jsonencode(EXPR)}} text; EXPR is an HCL object expression,
     * which the same parser turns into JSON when it stands alone as a value.
     */
    private static JsonNode jsonencoded(String expression) throws Exception {
        Matcher m = Pattern.compile("(?s)\\$\\{jsonencode\\((.*)\\)}").matcher(expression);
        assertThat(m.matches()).as(expression).isTrue();
        return HclToJson.parse("locals {\n  doc = " + m.group(1) + "\n}\n")
                .get("locals")
                .get(0)
                .get("doc");
    }
}
