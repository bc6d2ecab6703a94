package dev.tally.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Files replaced whole or not at all, the one way Tally writes them: written beside the target under a
 * hidden, unique temporary name, forced to disk, then renamed over it. A crash, a full disk or a concurrent
 * reader never sees half a file, and what was there before survives any failure.
 */
public final class AtomicFile {
    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Writes {@code target} whole. With {@code permissions} the file is created with them from its first
     * byte (credentials are never readable by others, not even briefly); without, the umask decides, as for
     * any file the user makes.
     */
    public static void write(Path target, Content content, Optional<Set<PosixFilePermission>> permissions)
            throws IOException {
        Path temp = temporaryFor(target);
        FileAttribute<?>[] attributes = permissions
                .map(p -> new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(p)})
                .orElse(new FileAttribute<?>[0]);
        try {
            try (FileChannel channel = FileChannel.open(
                    temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            replace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A hidden temporary path beside {@code target}, unique across processes and threads. */
    public static Path temporaryFor(Path target) {
        return target.toAbsolutePath()
                .resolveSibling("." + target.getFileName() + "."
                        + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
    }

    /** Renames a finished temporary file over {@code target}: atomically wherever the file system can. */
    public static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
