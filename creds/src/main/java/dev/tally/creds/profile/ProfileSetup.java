package dev.tally.creds.profile;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code tally setup profile}: the {@code [profile NAME]} stanza whose {@code credential_process} runs this
 * installation's {@code tally creds}, written into the AWS config file atomically, every other line kept.
 */
public final class ProfileSetup {
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_.@+=,-]+");

    /** What changed: each line set, and whether the file changed at all. */
    public record Change(Path file, String profile, List<String> lines, boolean changed, boolean created) {}

    private ProfileSetup() {}

    /**
     * Writes the profile's stanza into the config file, or leaves the file as it is when it already says the same.
     *
     * @param command the credential_process words, the launcher first ({@code /abs/bin/tally creds ...})
     */
    public static Change apply(Path file, String profile, Optional<String> region, List<String> command) {
        requireNonNull(file, "file is null");
        if (!PROFILE_NAME.matcher(profile).matches()) {
            throw TallyException.usage(
                    "setup profile: --name '" + profile + "' is not a profile name (letters, digits and _.@+=,-)");
        }
        boolean exists = Files.exists(file);
        String before;
        try {
            before = exists ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw TallyException.usage("setup profile: cannot read " + file + ": " + e.getMessage());
        }
        AwsConfigFile config = AwsConfigFile.parse(before);
        List<String> set = new ArrayList<>();
        String process = ShellWords.join(command);
        config.set(profile, "credential_process", process);
        set.add("credential_process = " + process);
        region.ifPresent(r -> {
            config.set(profile, "region", r);
            set.add("region = " + r);
        });
        String after = config.text();
        boolean changed = !after.equals(before);
        if (changed) {
            write(file, after);
        }
        return new Change(file, profile, List.copyOf(set), changed, !exists);
    }

    /** Beside the target, then renamed over it; an existing file's permissions are kept (often 0600). */
    private static void write(Path file, String text) {
        try {
            // A config file linked from elsewhere (a dotfiles clone) is replaced where it really lives.
            Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Set<PosixFilePermission> mode = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            AtomicFile.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)), Optional.of(mode));
        } catch (IOException e) {
            throw TallyException.failure("setup profile: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
