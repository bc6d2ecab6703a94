package dev.tally.account.iam;

import java.util.Locale;

/** How {@code tally iam policy} writes a role's documents. */
public enum PolicyFormat {
    /** One JSON object: the role name, the trust policy and the inline policies by name. */
    JSON,
    /** Terraform (HCL): an {@code aws_iam_role} and one {@code aws_iam_role_policy} per inline policy. */
    TERRAFORM,
    /** A CloudFormation template in JSON: one {@code AWS::IAM::Role} with inline {@code Policies}. */
    CLOUDFORMATION,
    /** The same CloudFormation template in YAML. */
    CLOUDFORMATION_YAML;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String render(RoleName role, PolicyDocuments documents) {
        return switch (this) {
            case JSON -> RoleTemplates.json(role, documents);
            case TERRAFORM -> TerraformTemplate.render(role, documents);
            case CLOUDFORMATION -> RoleTemplates.cloudFormationJson(role, documents);
            case CLOUDFORMATION_YAML -> RoleTemplates.cloudFormationYaml(role, documents);
        };
    }
}
