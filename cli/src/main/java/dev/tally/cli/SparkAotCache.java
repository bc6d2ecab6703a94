package dev.tally.cli;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JDK ahead-of-time cache for Spark's child JVM ({@code -XX:AOTCache}), in the user's cache folder: Spark's classes
 * loaded and linked once instead of on every report (docs/spark.md: about a third of a small report's CPU). The first
 * {@code --engine spark} report records which classes Spark uses ({@code -XX:AOTMode=record}); after it, the cache is
 * created from that record with the child's own options and classpath, and every later report starts from it (and
 * marks it used, by its modification time).
 *
 * <p>The cache is named by where the jars are and a digest of what makes it valid (the JDK, the child's JVM options,
 * each jar's path, size and modification time), so a rebuilt jar or another JDK trains a new one instead of reusing
 * a stale one. Nothing
 * here can fail a report: the JVM itself ignores a cache it cannot use (its messages go to the child's stdout, which
 * is discarded), and a cache that cannot be written is simply not there next time.
 */
final class SparkAotCache {
    /** How long the one-off creation may take before it is abandoned (measured: tens of seconds). */
    private static final long CREATE_MINUTES = 10;
    /** A cache no report used for this long belongs to an earlier build or JDK. */
    private static final Duration UNUSED = Duration.ofDays(7);

    private final Path dir;

    SparkAotCache(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    /** What one child JVM does with the cache: use it, record for it, or neither. */
    sealed interface Plan {
        /** The JVM options that carry out the plan. */
        List<String> options();
    }

    /** The cache exists: start from it. */
    record Use(Path cache) implements Plan {
        @Override
        public List<String> options() {
            return List.of("-XX:AOTCache=" + cache);
        }
    }

    /** No cache yet: record this run's classes, to create {@code cache} from them once the run succeeds. */
    record Recording(Path configuration, Path cache) implements Plan {
        @Override
        public List<String> options() {
            return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration);
        }
    }

    /** The cache folder cannot be written: run without. */
    record None() implements Plan {
        @Override
        public List<String> options() {
            return List.of();
        }
    }

    /** The plan for a child JVM started with {@code options} (not the classpath) and {@code classpath}. */
    Plan plan(Path java, List<String> options, List<Path> classpath) {
        Path cache = dir.resolve("child-" + installation(classpath) + "-" + digest(java, options, classpath) + ".aot");
        if (Files.isRegularFile(cache)) {
            try {
                // Marks it in use: creation elsewhere removes only caches unused for a week.
                Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
            } catch (IOException e) {
                // A read-only cache still serves.
            }
            return new Use(cache);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return new None();
        }
        if (!Files.isWritable(dir)) {
            return new None();
        }
        // Unique per run: two first reports at once each record their own, and the second to finish replaces the
        // first's cache with an equal one.
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return new Recording(dir.resolve("child-" + run + ".aotconf"), cache);
    }

    /**
     * After a recording child succeeded: creates the cache from its record with the same JVM options and classpath,
     * replaces it atomically, and removes caches of earlier builds. Returns whether the cache now exists.
     */
    boolean create(Recording record, Path java, List<String> options, List<Path> classpath) {
        Path partial = record.cache().resolveSibling(record.configuration().getFileName() + ".aot.partial");
        try {
            if (!Files.isRegularFile(record.configuration())) {
                return false;
            }
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(options);
            command.add("-XX:AOTMode=create");
            command.add("-XX:AOTConfiguration=" + record.configuration());
            command.add("-XX:AOTCache=" + partial);
            command.add("-cp");
            command.add(classpath(classpath));
            Process create = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!create.waitFor(CREATE_MINUTES, TimeUnit.MINUTES)) {
                create.destroyForcibly().waitFor();
                return false;
            }
            if (create.exitValue() != 0 || !Files.isRegularFile(partial)) {
                return false;
            }
            Files.move(partial, record.cache(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeStale(record.cache());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteQuietly(partial);
            deleteQuietly(record.configuration());
        }
    }

    /** After a recording child failed: its record is of no use. */
    void discard(Recording record) {
        deleteQuietly(record.configuration());
    }

    static String classpath(List<Path> classpath) {
        return String.join(
                File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }

    /**
     * Caches no report will use again, about 180 MB each: this installation's earlier builds at once, and any other
     * unused for a week. Not every other one: two installations sharing a home folder (two versions, two clones)
     * would each delete the other's on every report.
     */
    void removeStale(Path kept) {
        String name = kept.getFileName().toString();
        String installation = name.substring(0, name.lastIndexOf('-') + 1);
        Instant unused = Instant.now().minus(UNUSED);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String other = f.getFileName().toString();
                if (other.startsWith("child-")
                        && other.endsWith(".aot")
                        && !f.equals(kept)
                        && (other.startsWith(installation)
                                || Files.getLastModifiedTime(f).toInstant().isBefore(unused))) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException e) {
            // Left for the next creation to remove.
        }
    }

    /** Where the jars are, whatever their build: the part of a cache's name its successors share. */
    private static String installation(List<Path> classpath) {
        return sha256(classpath.stream().map(Path::toString).toList());
    }

    private static String digest(Path java, List<String> options, List<Path> classpath) {
        List<String> parts = new ArrayList<>();
        parts.add(java.toString());
        parts.add(Runtime.version().toString());
        // The heap's size is not part of what a cache holds; -Xmx follows spark.driver.memory, one cache for all.
        options.stream().filter(o -> !o.startsWith("-Xmx")).forEach(parts::add);
        for (Path jar : classpath) {
            parts.add(jar.toString());
            try {
                parts.add(Files.size(jar) + "/" + Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                parts.add("?");
            }
        }
        return sha256(parts);
    }

    private static String sha256(List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            parts.forEach(p -> sha.update((p + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray file in the cache folder is harmless.
        }
    }
}
