package dev.tally.cli.account;

import dev.tally.account.iam.PolicyDocuments;
import dev.tally.account.iam.PolicyFormat;
import dev.tally.account.iam.RoleApplier;
import dev.tally.account.iam.RoleName;
import dev.tally.account.iam.RoleSpec;
import dev.tally.account.iam.RoleTag;
import dev.tally.account.iam.TrustedPrincipal;
import dev.tally.cli.Options;
import dev.tally.cli.Output;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code tally iam}: the Bedrock role a tagged session assumes, written out or applied. */
@Command(
        name = "iam",
        mixinStandardHelpOptions = true,
        description =
                "The IAM role tally's sessions assume: a trust policy that allows sts:AssumeRole and sts:TagSession, "
                        + "Bedrock invoke permissions, and optionally a Deny on calls without required principal tags.",
        subcommands = {IamCommand.Policy.class, IamCommand.Apply.class, CommandLine.HelpCommand.class})
public final class IamCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options both subcommands share. */
    static final class Documents {
        @Option(
                names = "--principal",
                required = true,
                paramLabel = "ARN",
                description =
                        "Who may assume the role: arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME or arn:aws:iam::ACCOUNT:root.")
        String principal;

        @Option(
                names = "--enforce-tag",
                paramLabel = "KEY",
                description =
                        "Deny bedrock:InvokeModel* to sessions without this principal or session tag; repeatable.")
        List<String> enforceTags = new ArrayList<>();

        PolicyDocuments documents() {
            return PolicyDocuments.of(TrustedPrincipal.parse(principal), enforceTags);
        }
    }

    @Command(
            name = "policy",
            mixinStandardHelpOptions = true,
            description = {
                "Prints the role's documents: the trust policy, the tally-bedrock-invoke permissions (bedrock:InvokeModel and "
                        + "InvokeModelWithResponseStream, which also authorize Converse and ConverseStream, CountTokens, "
                        + "Get/ListInferenceProfiles) and, per --enforce-tag, the tally-require-tags Deny.",
                "Formats: json, terraform (aws_iam_role + aws_iam_role_policy), cloudformation (JSON), cloudformation-yaml."
            },
            footer = {
                "",
                "Example:",
                "  tally iam policy --principal arn:aws:iam::123456789012:user/alice \\",
                "      --enforce-tag Project --format terraform"
            })
    static final class Policy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Documents documents = new Documents();

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "json",
                description = "json, terraform, cloudformation or cloudformation-yaml (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(
                names = "--role-name",
                paramLabel = "NAME",
                defaultValue = "tally-bedrock",
                description = "The role name in templates (default: ${DEFAULT-VALUE}).")
        String roleName;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
        @Nullable
        Path out;

        @Override
        public Integer call() {
            PolicyFormat f = Options.choice(PolicyFormat.class, "--format", format);
            RoleName role = RoleName.of(roleName);
            PolicyDocuments docs = documents.documents();
            if (out != null) {
                Output.checkTarget(out);
            }
            String text = f.render(role, docs);
            Output.write(out, spec.commandLine().getOut(), w -> w.write(text));
            return 0;
        }
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = {
                "Creates or updates the role through the IAM API: trust policy, maximum session duration, the inline policies "
                        + "tally-bedrock-invoke and tally-require-tags (removed when no tag is enforced), and tags.",
                "Idempotent: prints one line per change, or 'no changes'. Other inline policies and tags are left alone."
            },
            footer = {
                "",
                "Example:",
                "  tally iam apply --role-name tally-bedrock \\",
                "      --principal arn:aws:iam::123456789012:user/alice \\",
                "      --enforce-tag Project --max-session 14400 --tag Team=ml"
            })
    static final class Apply implements Callable<Integer> {
        @Mixin
        AwsClientOptions aws;

        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Documents documents = new Documents();

        @Option(
                names = "--role-name",
                required = true,
                paramLabel = "NAME",
                description = "The role to create or update.")
        String roleName;

        @Option(
                names = "--max-session",
                paramLabel = "SECONDS",
                description =
                        "Maximum session duration, 3600 to 43200 (default: 3600 for a new role, unchanged for an existing one).")
        @Nullable
        Integer maxSession;

        @Option(
                names = "--tag",
                paramLabel = "K=V",
                description = "A tag on the role (a principal tag of every session); repeatable.")
        List<String> tags = new ArrayList<>();

        @Override
        public Integer call() {
            RoleSpec role = new RoleSpec(
                    RoleName.of(roleName),
                    documents.documents(),
                    maxSession == null ? OptionalInt.empty() : OptionalInt.of(maxSession),
                    tags.stream().map(RoleTag::parse).toList());
            RoleApplier.Applied applied;
            try (IamClient iam = aws.clients().iam()) {
                applied = new RoleApplier(iam).apply(role);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (applied.changes().isEmpty()) {
                out.println("role " + roleName + ": no changes");
            }
            applied.changes().forEach(out::println);
            out.println("role ARN: " + applied.roleArn());
            out.flush();
            return 0;
        }
    }
}
