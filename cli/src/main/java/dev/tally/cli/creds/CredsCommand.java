package dev.tally.cli.creds;

import dev.tally.creds.CredentialProcess;
import dev.tally.creds.CredsArguments;
import dev.tally.creds.CredsOption;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.project.ProjectDetector;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code tally creds}: the credential_process. Its options come from {@link CredsOption} (see
 * {@link Options}), the same definitions the cached path ({@link CredsMain}) parses without picocli; this
 * command serves cache misses, errors and help.
 */
@Command(
        name = "creds",
        mixinStandardHelpOptions = true,
        modelTransformer = CredsCommand.Options.class,
        description = {
            "Prints AWS credentials for a tagged role session, for an AWS profile's credential_process: assumes the role with "
                    + "session tags Project and User (plus --tag), session name <prefix>-<project>-<epoch seconds>, and caches them.",
            "Prints exactly one line, the credential_process JSON (Version 1). Errors are one line on stderr."
        },
        footer = {
            "",
            "Every option can also come from the environment variable named in its help (TALLY_* before CC_*).",
            "Endpoint: AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else AWS's. AWS_PROFILE is ignored.",
            "Cache: $XDG_CACHE_HOME/tally/creds (else ~/.cache/tally/creds), one 0600 file per role, source, region, "
                    + "endpoint, duration and tag set; served while more than 20 minutes remain (half the lifetime for "
                    + "shorter sessions).",
            "",
            "Examples:",
            "  tally creds --role-arn arn:aws:iam::123456789012:role/bedrock-dev",
            "  TALLY_ROLE_ARN=arn:aws:iam::123456789012:role/bedrock-dev \\",
            "      tally creds --project billing --tag team=data",
            "Or let tally setup profile write the profile for you.",
            "See docs/creds.md."
        })
public final class CredsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CredsArguments args = arguments(spec.commandLine().getParseResult());
        ProcessEnvironment env = ProcessEnvironment.current();
        CredentialProcess process = new CredentialProcess(env, Clock.systemUTC());
        if (CredsRequest.flag(args, env, CredsOption.CLEAR_CACHE)) {
            int removed = process.clearCache();
            err.println("tally: creds: removed " + removed + " cached credential" + (removed == 1 ? "" : "s") + " from "
                    + env.cacheDirectory("creds"));
            err.flush();
            return 0;
        }
        out.println(process.fetch(CredsRequest.resolve(args, env)).toProcessJson());
        out.flush();
        // On this path only (a cache miss: once per session, not before every client process), never silently.
        ProjectDetector.fallbackNote(CredsRequest.projectGiven(args, env), env.workingDirectory())
                .ifPresent(note -> {
                    err.println("tally: creds: " + note);
                    err.flush();
                });
        return 0;
    }

    /** What picocli matched, in the shape the hand-written parser gives. */
    static CredsArguments arguments(ParseResult parsed) {
        Map<CredsOption, List<String>> values = new EnumMap<>(CredsOption.class);
        for (CredsOption option : CredsOption.values()) {
            OptionSpec matched = parsed.matchedOption(option.optionName());
            if (matched != null) {
                List<String> given = matched.stringValues();
                values.put(
                        option,
                        option.isFlag()
                                ? List.of("true")
                                : option.isRepeatable() ? List.copyOf(given) : List.of(given.getLast()));
            }
        }
        return CredsArguments.of(values);
    }

    /** Builds picocli's options from {@link CredsOption}, so help and parsing follow the one definition. */
    public static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            // The hand-written parser lets a repeated option's last value win; so does picocli here.
            spec.parser().overwrittenOptionsAllowed(true);
            for (CredsOption option : CredsOption.values()) {
                OptionSpec.Builder b = OptionSpec.builder(option.optionName())
                        .description(option.description() + " Env: " + String.join(", ", option.environment()) + ".");
                if (option.isFlag()) {
                    b.type(boolean.class).arity("0");
                } else if (option.isRepeatable()) {
                    b.type(List.class)
                            .auxiliaryTypes(String.class)
                            .arity("1")
                            .paramLabel(option.label().orElseThrow());
                } else {
                    b.type(String.class).arity("1").paramLabel(option.label().orElseThrow());
                }
                spec.addOption(b.build());
            }
            return spec;
        }
    }
}
