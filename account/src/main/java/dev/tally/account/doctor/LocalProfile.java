package dev.tally.account.doctor;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.creds.CredsArguments;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.profile.AwsConfigFile;
import dev.tally.creds.profile.ShellWords;
import dev.tally.creds.sts.SourceProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local AWS profile a developer's clients use, as {@code tally doctor} reads it: whether its
 * {@code credential_process} runs {@code tally creds}, and with which options (role, source profile, region).
 *
 * @param credentialProcess the command's words, empty when the profile or the setting is missing
 */
public record LocalProfile(String name, Path configFile, boolean exists, List<String> credentialProcess) {
    public LocalProfile {
        requireNonNull(name, "name is null");
        requireNonNull(configFile, "configFile is null");
        credentialProcess = List.copyOf(credentialProcess);
    }

    public static LocalProfile read(String name, ProcessEnvironment env) {
        Path file = SourceProfiles.configFile(env);
        if (!Files.isRegularFile(file)) {
            return new LocalProfile(name, file, false, List.of());
        }
        AwsConfigFile config;
        try {
            config = AwsConfigFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw TallyException.failure("doctor: cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> words =
                config.get(name, "credential_process").map(LocalProfile::words).orElse(List.of());
        return new LocalProfile(name, file, config.hasProfile(name), words);
    }

    /** The words after {@code creds} when the command is some installation's {@code tally creds}. */
    public Optional<List<String>> tallyCredsOptions() {
        for (int i = 0; i + 1 < credentialProcess.size(); i++) {
            String program = Path.of(credentialProcess.get(i)).getFileName().toString();
            if (program.equals("tally") && credentialProcess.get(i + 1).equals("creds")) {
                return Optional.of(credentialProcess.subList(i + 2, credentialProcess.size()));
            }
        }
        return Optional.empty();
    }

    /** The profile's {@code tally creds} options, or none; options it cannot parse count as none. */
    public CredsArguments credsArguments() {
        try {
            return tallyCredsOptions().map(CredsArguments::parse).orElse(CredsArguments.of(Map.of()));
        } catch (TallyException e) {
            return CredsArguments.of(Map.of());
        }
    }

    private static List<String> words(String command) {
        try {
            return ShellWords.split(command);
        } catch (TallyException e) {
            return List.of(command);
        }
    }
}
