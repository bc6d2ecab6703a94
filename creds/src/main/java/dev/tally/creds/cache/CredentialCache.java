package dev.tally.creds.cache;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Temporary credentials on disk, one file per {@link CacheKey}: {@code <dir>/<key>.json}, the folder 0700
 * and every file 0600, each written to a temporary file and renamed over the old one, so a reader sees a
 * whole file or none. A file that is corrupt, for another key, a link, or readable by others is ignored
 * (and replaced by the next write). {@link #lock} serializes the processes that would call STS for the
 * same key.
 */
public final class CredentialCache {
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);

    private final Path directory;

    private CredentialCache(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    public static CredentialCache at(Path directory) {
        return new CredentialCache(directory);
    }

    public Path directory() {
        return directory;
    }

    Path file(CacheKey key) {
        return directory.resolve(key.id() + ".json");
    }

    /** The cached credentials for this key, if a valid file holds them; never throws. */
    public Optional<SessionCredentials> read(CacheKey key) {
        Path file = file(key);
        try {
            PosixFileAttributes attributes =
                    Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()
                    || !OWNER_ONLY_FILE.containsAll(attributes.permissions())
                    || attributes.size() > 64 * 1024) {
                return Optional.empty();
            }
            String text;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.allocate((int) attributes.size());
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read it all: the file was renamed into place whole
                }
                text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            }
            return SessionCredentials.fromCacheJson(text, key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the credentials for this key atomically, replacing whatever file was there. */
    public void write(CacheKey key, SessionCredentials credentials) {
        ensureDirectory();
        try {
            byte[] json = credentials.toCacheJson(key).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(file(key), out -> out.write(json), Optional.of(OWNER_ONLY_FILE));
        } catch (IOException e) {
            throw TallyException.failure(
                    "creds: cannot write the credential cache in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Blocks until this process holds the key's lock ({@code <key>.lock}, an fcntl lock that the kernel
     * releases if the process dies). Callers re-read the cache once they hold it: another process may have
     * just written it.
     */
    public Lock lock(CacheKey key) {
        ensureDirectory();
        Path file = directory.resolve(key.id() + ".lock");
        try {
            FileChannel ch;
            try {
                ch = FileChannel.open(
                        file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE);
            } catch (FileAlreadyExistsException e) {
                ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
            try {
                return new Lock(ch, ch.lock());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw TallyException.failure("creds: cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every cached credential and lock file; returns how many credential files there were. */
    public int clear() {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".lock") || name.endsWith(".tmp")) {
                    if (Files.deleteIfExists(f) && name.endsWith(".json")) {
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            throw TallyException.failure(
                    "creds: cannot clear the credential cache in " + directory + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** The folder, created 0700 if missing and narrowed to 0700 if it is wider. */
    private void ensureDirectory() {
        try {
            try {
                Files.createDirectories(directory.getParent());
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } catch (FileAlreadyExistsException e) {
                // checked below
            }
            // createDirectory's mode is cut by the umask; set it exactly.
            PosixFileAttributes attributes =
                    Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory()) {
                throw TallyException.failure("creds: the credential cache " + directory + " is not a folder", null);
            }
            if (!attributes.permissions().equals(OWNER_ONLY_DIR)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIR);
            }
        } catch (NoSuchFileException e) {
            throw TallyException.failure(
                    "creds: cannot create the credential cache " + directory + ": no such folder " + e.getFile(), e);
        } catch (IOException e) {
            throw TallyException.failure(
                    "creds: cannot create the credential cache " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A held key lock; closing releases it. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock in any case
            }
        }
    }
}
