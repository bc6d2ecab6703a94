package dev.tally.creds;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a process of {@code tally creds} or {@code tally run} sees around it: environment variables, working
 * directory and home. Passed in rather than read from {@link System}, so tests and the build's training
 * run can give their own.
 */
public record ProcessEnvironment(Map<String, String> variables, Path workingDirectory, Path home) {
    public ProcessEnvironment {
        variables = Map.copyOf(requireNonNull(variables, "variables is null"));
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(home, "home is null");
    }

    public static ProcessEnvironment current() {
        return new ProcessEnvironment(
                System.getenv(), Path.of(System.getProperty("user.dir")), Path.of(System.getProperty("user.home")));
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
