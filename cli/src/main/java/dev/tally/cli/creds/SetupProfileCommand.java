package dev.tally.cli.creds;

import dev.tally.core.aws.AwsLimits;
import dev.tally.core.error.TallyException;
import dev.tally.creds.CredsOption;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.launch.LaunchPlan;
import dev.tally.creds.profile.AwsConfigFile;
import dev.tally.creds.profile.ProfileSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tally setup profile}: the AWS profile whose credential_process is this installation's {@code tally creds}. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = {
            "Adds or updates the [profile NAME] stanza in the AWS config file.",
            "Its credential_process runs this installation's 'tally creds' by absolute path, so every AWS SDK and CLI "
                    + "using the profile gets tagged, cached role sessions.",
            "Idempotent; every other line and comment is kept; written atomically. Prints what changed."
        },
        footer = {
            "",
            "Examples:",
            "  tally setup profile --role-arn arn:aws:iam::123456789012:role/bedrock-dev",
            "  tally setup profile --name cc-tracked --region eu-west-1 \\",
            "      --config-file ~/.aws/config",
            "Then: AWS_PROFILE=cc-tracked claude, or tally run. See docs/creds.md."
        })
public final class SetupProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            defaultValue = LaunchPlan.DEFAULT_PROFILE,
            description = "Profile name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--region",
            paramLabel = "R",
            defaultValue = CredsOption.DEFAULT_REGION,
            description = "The profile's region, also given to tally creds for STS (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(
            names = "--role-arn",
            paramLabel = "ARN",
            description =
                    "Role for tally creds to assume (default: none in the profile; tally creds then needs TALLY_ROLE_ARN).")
    @Nullable
    String roleArn;

    @Option(
            names = "--config-file",
            paramLabel = "PATH",
            description = "AWS config file (default: $AWS_CONFIG_FILE, else ~/.aws/config).")
    @Nullable
    Path configFile;

    @Override
    public Integer call() {
        ProcessEnvironment env = ProcessEnvironment.current();
        // Checked with tally creds' own rules: a profile it would refuse breaks every client start.
        if (roleArn != null && !CredsRequest.ROLE_ARN.matcher(roleArn).matches()) {
            throw TallyException.usage("setup profile: --role-arn '" + roleArn
                    + "' is not a role ARN (expected arn:aws:iam::123456789012:role/NAME)");
        }
        if (!AwsLimits.isRegion(region)) {
            throw TallyException.usage(
                    "setup profile: --region '" + region + "' is not a region name (expected e.g. us-west-2)");
        }
        Path file = configFile != null
                ? configFile
                : env.get("AWS_CONFIG_FILE")
                        .map(Path::of)
                        .orElse(env.home().resolve(".aws").resolve("config"));
        List<String> command = new ArrayList<>(Launcher.credsCommand());
        if (roleArn != null) {
            command.addAll(List.of(CredsOption.ROLE_ARN.optionName(), roleArn));
        }
        command.addAll(List.of(CredsOption.REGION.optionName(), region));
        ProfileSetup.Change change = ProfileSetup.apply(file, name, Optional.of(region), command);
        PrintWriter out = spec.commandLine().getOut();
        String verb = !change.changed() ? "already up to date:" : change.created() ? "created with" : "updated";
        out.println(file + ": " + verb + " " + AwsConfigFile.header(name));
        change.lines().forEach(l -> out.println("  " + l));
        if (roleArn == null) {
            out.println("No --role-arn: tally creds will read the role from TALLY_ROLE_ARN (or CC_ROLE_ARN).");
        }
        out.println(
                "Use it with: AWS_PROFILE=" + name + " <command>, or: tally run --profile " + name + " -- <command>");
        out.flush();
        return 0;
    }
}
