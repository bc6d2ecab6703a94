package dev.tally.creds.project;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The project a directory belongs to: the folder name of the git work tree that contains it (the nearest
 * ancestor holding {@code .git}, a folder in a clone or a file in a linked worktree or submodule), else the
 * directory's own name. Found by looking at the file system, without starting git: it runs before every
 * client process.
 */
public final class ProjectDetector {
    private ProjectDetector() {}

    public static String detect(Path directory) {
        Path start = directory.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (p.getFileName() != null && Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return p.getFileName().toString();
            }
        }
        Path name = start.getFileName();
        return name == null ? "root" : name.toString();
    }
}
