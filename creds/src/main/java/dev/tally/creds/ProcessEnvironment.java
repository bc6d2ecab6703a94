package dev.tally.creds;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a process of {@code tally creds} or {@code tally run} sees around it: environment variables, working
 * directory, home and the operating system's name for the user. Passed in rather than read from
 * {@link System}, so tests and the build's training run can give their own.
 *
 * @param accountName the operating system's user name ({@code user.name}); empty when unknown
 */
public record ProcessEnvironment(Map<String, String> variables, Path workingDirectory, Path home, String accountName) {
    public ProcessEnvironment {
        variables = Map.copyOf(requireNonNull(variables, "variables is null"));
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(home, "home is null");
        requireNonNull(accountName, "accountName is null");
    }

    /** Without an operating-system user name (tests that set {@code USER} or none). */
    public ProcessEnvironment(Map<String, String> variables, Path workingDirectory, Path home) {
        this(variables, workingDirectory, home, "");
    }

    public static ProcessEnvironment current() {
        return new ProcessEnvironment(
                System.getenv(),
                Path.of(System.getProperty("user.dir")),
                Path.of(System.getProperty("user.home")),
                System.getProperty("user.name", ""));
    }

    /**
     * Who the User tag names by default: {@code $USER}, else the operating system's user name (a container or a
     * cron job often has no {@code USER}), and only then {@code unknown}.
     */
    public String user() {
        return get("USER").orElse(accountName.isBlank() ? "unknown" : accountName.strip());
    }

    /** The variable's value, when set and not blank (an empty variable counts as unset, as in the SDKs). */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * {@code $XDG_CACHE_HOME/tally/<name>}, else {@code ~/.cache/tally/<name>}. The XDG base directory
     * specification ignores a relative {@code XDG_CACHE_HOME}; so does this.
     */
    public Path cacheDirectory(String name) {
        Path base = get("XDG_CACHE_HOME").map(Path::of).filter(Path::isAbsolute).orElse(home.resolve(".cache"));
        return base.resolve("tally").resolve(name);
    }
}
