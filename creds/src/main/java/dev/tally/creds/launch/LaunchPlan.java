package dev.tally.creds.launch;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.creds.CredsOption;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.profile.AwsConfigFile;
import dev.tally.creds.project.ProjectDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code tally run} starts: the command (default {@code claude}) and its environment, wired to the
 * tagged profile: {@code AWS_PROFILE}, {@code AWS_REGION}, {@code TALLY_PROJECT} and {@code TALLY_USER}
 * (read by the profile's {@code tally creds}), {@code CLAUDE_CODE_USE_BEDROCK=1}, {@code ANTHROPIC_MODEL},
 * and {@code project=NAME} in {@code OTEL_RESOURCE_ATTRIBUTES}.
 */
public record LaunchPlan(List<String> command, Map<String, String> environment, List<String> notes) {
    public static final String DEFAULT_PROFILE = "cc-tracked";
    public static final String DEFAULT_COMMAND = "claude";
    /** Static keys in the environment win over AWS_PROFILE in every SDK: they would bypass the tagged session. */
    static final List<String> OVERRIDING_KEYS =
            List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    public LaunchPlan {
        command = List.copyOf(requireNonNull(command, "command is null"));
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
    }

    public record Options(
            String profile,
            Optional<String> region,
            Optional<String> model,
            Optional<String> project,
            List<String> command) {}

    public static LaunchPlan of(Options options, ProcessEnvironment env) {
        Path configFile = env.get("AWS_CONFIG_FILE")
                .map(Path::of)
                .orElse(env.home().resolve(".aws").resolve("config"));
        AwsConfigFile config = read(configFile);
        if (!config.hasProfile(options.profile())) {
            throw TallyException.usage("run: profile '" + options.profile() + "' is not in " + configFile
                    + "; create it with: tally setup profile --name " + options.profile() + " --role-arn ARN");
        }
        String project = options.project().orElseGet(() -> ProjectDetector.detect(env.workingDirectory()));
        String user = env.get("TALLY_USER").or(() -> env.get("CC_USER")).orElseGet(env::user);
        String region = options.region()
                .or(() -> env.get("AWS_REGION"))
                .or(() -> env.get("AWS_DEFAULT_REGION"))
                .or(() -> config.get(options.profile(), "region"))
                .orElse(CredsOption.DEFAULT_REGION);

        Map<String, String> vars = new HashMap<>(env.variables());
        List<String> notes = new ArrayList<>();
        for (String key : OVERRIDING_KEYS) {
            if (vars.remove(key) != null) {
                notes.add("run: " + key + " removed from the command's environment, so that profile "
                        + options.profile() + " is used");
            }
        }
        vars.put("TALLY_PROJECT", project);
        vars.put("TALLY_USER", user);
        vars.put("AWS_PROFILE", options.profile());
        vars.put("AWS_REGION", region);
        vars.put("CLAUDE_CODE_USE_BEDROCK", "1");
        options.model().ifPresent(m -> vars.put("ANTHROPIC_MODEL", m));
        vars.put(
                "OTEL_RESOURCE_ATTRIBUTES",
                ResourceAttributes.withProject(
                        env.get("OTEL_RESOURCE_ATTRIBUTES").orElse(""), project));
        List<String> command = options.command().isEmpty() ? List.of(DEFAULT_COMMAND) : options.command();
        return new LaunchPlan(command, vars, notes);
    }

    private static AwsConfigFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return AwsConfigFile.parse("");
        }
        try {
            return AwsConfigFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw TallyException.usage("run: cannot read " + file + ": " + e.getMessage());
        }
    }
}
