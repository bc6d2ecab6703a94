package dev.tally.account.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** The JSON and CloudFormation renderings of a role; Terraform has its own writer ({@link TerraformTemplate}). */
final class RoleTemplates {
    static final String LOGICAL_ID = "TallyBedrockRole";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    // Every string quoted: unquoted YAML would read 2010-09-09 as a date and "true" as a boolean.
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private RoleTemplates() {}

    static String json(RoleName role, PolicyDocuments documents) {
        ObjectNode root = NODES.objectNode();
        root.put("roleName", role.value());
        root.put("principal", documents.principal().arn());
        root.set("trustPolicy", documents.trust().toJson());
        ObjectNode inline = root.putObject("inlinePolicies");
        documents.inlinePolicies().forEach((name, doc) -> inline.set(name, doc.toJson()));
        return write(JSON, root);
    }

    static String cloudFormationJson(RoleName role, PolicyDocuments documents) {
        return write(JSON, cloudFormation(role, documents));
    }

    static String cloudFormationYaml(RoleName role, PolicyDocuments documents) {
        return write(YAML, cloudFormation(role, documents));
    }

    private static ObjectNode cloudFormation(RoleName role, PolicyDocuments documents) {
        ObjectNode template = NODES.objectNode();
        template.put("AWSTemplateFormatVersion", "2010-09-09");
        template.put(
                "Description",
                "Bedrock role for tally: trust for " + documents.principal().arn() + " with AssumeRole and TagSession");
        ObjectNode resource = template.putObject("Resources").putObject(LOGICAL_ID);
        resource.put("Type", "AWS::IAM::Role");
        ObjectNode properties = resource.putObject("Properties");
        properties.put("RoleName", role.value());
        properties.put("Description", RoleApplier.DESCRIPTION);
        properties.set("AssumeRolePolicyDocument", documents.trust().toJson());
        ArrayNode policies = properties.putArray("Policies");
        for (Map.Entry<String, PolicyDocument> p : documents.inlinePolicies().entrySet()) {
            ObjectNode policy = policies.addObject();
            policy.put("PolicyName", p.getKey());
            policy.set("PolicyDocument", p.getValue().toJson());
        }
        ObjectNode arn = template.putObject("Outputs").putObject("RoleArn");
        arn.put("Description", "Give this ARN to tally creds and the gateway");
        arn.putObject("Value").putArray("Fn::GetAtt").add(LOGICAL_ID).add("Arn");
        return template;
    }

    private static String write(ObjectMapper mapper, ObjectNode node) {
        try {
            String text = mapper.writeValueAsString(node);
            return text.endsWith("\n") ? text : text + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
