package dev.tally.cli.creds;

import dev.tally.creds.CredsOption;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.launch.ForegroundProcess;
import dev.tally.creds.launch.LaunchPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally run}: starts a client (Claude Code by default) wired to the tagged profile. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        modelTransformer = RunCommand.CommandWordsAreNotOptions.class,
        description = {
            "Runs COMMAND (default: claude) with its AWS calls billed to a tagged session.",
            "Runs it in the foreground with the terminal attached and sets TALLY_PROJECT, TALLY_USER, AWS_PROFILE, "
                    + "AWS_REGION, CLAUDE_CODE_USE_BEDROCK=1, ANTHROPIC_MODEL (with --model) and project=<name> in "
                    + "OTEL_RESOURCE_ATTRIBUTES. Exits with COMMAND's exit code; SIGTERM and SIGHUP are passed on. The "
                    + "profile must exist (tally setup profile)."
        },
        footer = {
            "",
            "Examples:",
            "  tally run",
            "  tally run --model us.anthropic.claude-sonnet-4-6 -- claude -p 'say hi'",
            "  tally run --project billing -- aws sts get-caller-identity",
            "See docs/creds.md."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--profile",
            paramLabel = "P",
            defaultValue = LaunchPlan.DEFAULT_PROFILE,
            description = "AWS profile whose credential_process is tally creds (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--region",
            paramLabel = "R",
            description =
                    "AWS_REGION for the command (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's region, else "
                            + CredsOption.DEFAULT_REGION + ").")
    @Nullable
    String region;

    @Option(names = "--model", paramLabel = "M", description = "ANTHROPIC_MODEL for the command (default: unset).")
    @Nullable
    String model;

    @Option(
            names = "--project",
            paramLabel = "NAME",
            description = "Project tag (default: the git work tree's folder name, else the current folder's).")
    @Nullable
    String project;

    @Parameters(
            arity = "0..*",
            paramLabel = "COMMAND",
            description = "The command and its arguments, after -- (default: claude).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        LaunchPlan plan = LaunchPlan.of(
                new LaunchPlan.Options(
                        profile,
                        Optional.ofNullable(region),
                        Optional.ofNullable(model),
                        Optional.ofNullable(project),
                        command),
                ProcessEnvironment.current());
        PrintWriter err = spec.commandLine().getErr();
        plan.notes().forEach(n -> err.println("tally: " + n));
        err.flush();
        return ForegroundProcess.run(plan);
    }

    /** After the first word of COMMAND, everything belongs to COMMAND, even words that look like options. */
    public static final class CommandWordsAreNotOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }
}
