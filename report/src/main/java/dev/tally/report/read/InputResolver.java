package dev.tally.report.read;

import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns INPUT arguments into export files: files as named, directories searched recursively (an export's
 * {@code data/BILLING_PERIOD=.../} tree works), globs, and {@code s3://bucket/prefix} (or {@code s3a://}) through a
 * local cache.
 * Within directories, files that are not exports (manifests, metadata) are skipped.
 */
public final class InputResolver {
    private final FormatDetector detector;
    private final S3Fetcher s3;
    private final Consumer<String> warn;
    /** Files skipped because an earlier input had them already. */
    private int repeats;

    public InputResolver(FormatDetector detector, S3Fetcher s3, Consumer<String> warn) {
        this.detector = detector;
        this.s3 = s3;
        this.warn = warn;
    }

    /**
     * The export files of all inputs. Inputs that resolve to no file at all (an empty folder or {@code s3://}
     * prefix, a glob matching nothing) are an error: an empty report would read as "no spend". One empty input
     * among others is a warning; an input whose files were all given already is neither (it warned once).
     */
    public List<SourceFile> resolve(List<String> inputs) {
        Set<Path> seen = new LinkedHashSet<>();
        List<SourceFile> files = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String input : inputs) {
            int before = repeats;
            List<SourceFile> found = resolveOne(input, seen);
            if (found.isEmpty() && repeats == before) {
                empty.add(input);
            }
            files.addAll(found);
        }
        if (files.isEmpty() && !inputs.isEmpty()) {
            throw TallyException.badData(String.join(", ", empty.isEmpty() ? inputs : empty)
                    + ": no billing export files found there (CUR 2.0, CUR 1.0 or FOCUS Parquet/CSV)");
        }
        empty.forEach(input -> warn.accept(input + ": no billing export files found there"));
        return files;
    }

    /** Whether an input names S3 objects: {@code s3://}, or {@code s3a://}, Hadoop's (Spark's) name for the same. */
    public static boolean isS3(String input) {
        return input.startsWith("s3://") || input.startsWith("s3a://");
    }

    private List<SourceFile> resolveOne(String input, Set<Path> seen) {
        if (isS3(input)) {
            return detected(s3.fetch(input), seen);
        }
        if (isGlob(input)) {
            return glob(input, seen);
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            return directory(path, seen);
        }
        if (!Files.exists(path)) {
            throw TallyException.usage(input + ": no such file or directory");
        }
        if (!Files.isReadable(path)) {
            throw TallyException.usage(input + ": not readable (check its permissions)");
        }
        return once(path, seen) ? List.of(detector.require(path)) : List.of();
    }

    private List<SourceFile> directory(Path dir, Set<Path> seen) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw TallyException.usage(dir + ": cannot list (" + e.getMessage() + ")");
        }
        return detected(paths, seen);
    }

    /** The billing export files among {@code paths}; manifests, metadata and empty files are skipped. */
    private List<SourceFile> detected(List<Path> paths, Set<Path> seen) {
        List<SourceFile> files = new ArrayList<>();
        for (Path p : paths) {
            if (nonEmpty(p) && once(p, seen)) {
                detector.detect(p).ifPresent(files::add);
            }
        }
        return files;
    }

    private List<SourceFile> glob(String pattern, Set<Path> seen) {
        Path base = globBase(pattern);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> matches;
        try (Stream<Path> walk = Files.walk(base)) {
            matches = walk.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(base.equals(Path.of(".")) ? base.relativize(p) : p))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw TallyException.usage(pattern + ": cannot search (" + e.getMessage() + ")");
        }
        List<SourceFile> files = new ArrayList<>();
        for (Path p : matches) {
            if (once(p, seen)) {
                files.add(detector.require(p));
            }
        }
        return files;
    }

    private boolean once(Path path, Set<Path> seen) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            real = path.toAbsolutePath().normalize();
        }
        if (!seen.add(real)) {
            repeats++;
            warn.accept(path + " was given more than once; read once");
            return false;
        }
        return true;
    }

    private static boolean isGlob(String input) {
        return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static Path globBase(String pattern) {
        Path base = Path.of(".");
        String[] parts = pattern.split("/", -1);
        StringBuilder prefix = new StringBuilder(pattern.startsWith("/") ? "/" : "");
        for (int i = 0; i < parts.length - 1; i++) {
            if (isGlob(parts[i])) {
                break;
            }
            if (!parts[i].isEmpty()) {
                prefix.append(parts[i]).append('/');
            }
        }
        if (!prefix.isEmpty()) {
            base = Path.of(prefix.toString());
        }
        if (!Files.isDirectory(base)) {
            throw TallyException.usage(pattern + ": no such directory " + base);
        }
        return base;
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
