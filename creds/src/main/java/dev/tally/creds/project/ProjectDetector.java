package dev.tally.creds.project;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project a directory belongs to: the folder name of the git work tree that contains it (the nearest
 * ancestor holding {@code .git}, a folder in a clone or a file in a linked worktree or submodule), else the
 * directory's own name. Found by looking at the file system, without starting git: it runs before every
 * client process.
 */
public final class ProjectDetector {
    private ProjectDetector() {}

    public static String detect(Path directory) {
        return workTree(directory).orElseGet(() -> {
            Path name = directory.toAbsolutePath().normalize().getFileName();
            return name == null ? "root" : name.toString();
        });
    }

    /** The folder name of the git work tree holding {@code directory}; empty outside one. */
    public static Optional<String> workTree(Path directory) {
        Path start = directory.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (p.getFileName() != null && Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(p.getFileName().toString());
            }
        }
        return Optional.empty();
    }

    /**
     * When the Project tag fell back to a folder's name (no option, no variable, no git work tree): the one line
     * that says so and how to set it; empty otherwise.
     */
    public static Optional<String> fallbackNote(boolean projectGiven, Path directory) {
        if (projectGiven || workTree(directory).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("not in a git repository: the Project tag is this folder's name, '" + detect(directory)
                + "' (set it with --project NAME or TALLY_PROJECT)");
    }
}
