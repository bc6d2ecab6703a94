package dev.tally.account.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A role as Terraform (HCL native syntax): {@code aws_iam_role} with {@code assume_role_policy =
 * jsonencode(...)} and one {@code aws_iam_role_policy} per inline policy. Documents are written as HCL
 * object expressions inside {@code jsonencode}, the form the AWS provider's documentation uses, so they stay
 * readable and diffable.
 */
final class TerraformTemplate {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private TerraformTemplate() {}

    static String render(RoleName role, PolicyDocuments documents) {
        StringBuilder out = new StringBuilder();
        out.append("# Bedrock role for tally: ")
                .append(documents.principal().arn())
                .append(" may assume it with session tags.\n");
        out.append("resource \"aws_iam_role\" \"tally_bedrock\" {\n");
        out.append("  name        = ").append(string(role.value())).append('\n');
        out.append("  description = ").append(string(RoleApplier.DESCRIPTION)).append('\n');
        out.append("  assume_role_policy = jsonencode(");
        value(out, documents.trust().toJson(), 1);
        out.append(")\n}\n");
        for (Map.Entry<String, PolicyDocument> p : documents.inlinePolicies().entrySet()) {
            out.append("\nresource \"aws_iam_role_policy\" ")
                    .append(string(p.getKey().replace('-', '_')))
                    .append(" {\n");
            out.append("  name = ").append(string(p.getKey())).append('\n');
            out.append("  role = aws_iam_role.tally_bedrock.id\n");
            out.append("  policy = jsonencode(");
            value(out, p.getValue().toJson(), 1);
            out.append(")\n}\n");
        }
        out.append("\noutput \"tally_role_arn\" {\n  value = aws_iam_role.tally_bedrock.arn\n}\n");
        return out.toString();
    }

    private static void value(StringBuilder out, JsonNode node, int depth) {
        if (node.isObject()) {
            out.append("{\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                indent(out, depth + 1);
                out.append(IDENTIFIER.matcher(e.getKey()).matches() ? e.getKey() : string(e.getKey()))
                        .append(" = ");
                value(out, e.getValue(), depth + 1);
                out.append('\n');
            }
            indent(out, depth);
            out.append('}');
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            out.append("[\n");
            for (JsonNode element : node) {
                indent(out, depth + 1);
                value(out, element, depth + 1);
                out.append(",\n");
            }
            indent(out, depth);
            out.append(']');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(string(node.get(i).asText()));
            }
            out.append(']');
        } else {
            out.append(string(node.asText()));
        }
    }

    /**
     * An HCL quoted string. Besides quotes and backslashes, HCL reads <code>${</code> and <code>%{</code> as template
     * sequences; doubling the introducer keeps them literal, so IAM policy variables survive.
     */
    static String string(String s) {
        String escaped = s.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("${", "$${")
                .replace("%{", "%%{");
        return '"' + escaped + '"';
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
