package dev.tally.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NullAway checks only {@code @NullMarked} packages, so a package that forgets its package-info.java is silently
 * unchecked. Every package of every module's main sources (bench/ aside: benchmarks, not shipped) must be marked;
 * this walks the source tree, so a new module or package is covered the day it appears.
 */
class EveryPackageNullMarkedTest {
    private static final Path ROOT = Path.of(System.getProperty("tally.root"));
    private static final Pattern MARKED =
            Pattern.compile("(?m)^@(org\\.jspecify\\.annotations\\.)?NullMarked\\s*$[\\s\\S]*^package [\\w.]+;");

    @Test
    void everyMainPackage_isNullMarked() throws IOException {
        List<Path> packages = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.sorted().toList()) {
                Path sources = module.resolve("src/main/java");
                if (!module.getFileName().toString().equals("bench")
                        && Files.isRegularFile(module.resolve("pom.xml"))
                        && Files.isDirectory(sources)) {
                    packages.addAll(packagesUnder(sources));
                }
            }
        }
        assertThat(packages).as("packages found under " + ROOT).hasSizeGreaterThan(50);
        List<String> unmarked = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.isRegularFile(info)
                    || !MARKED.matcher(Files.readString(info)).find()) {
                unmarked.add(ROOT.relativize(dir).toString());
            }
        }
        assertThat(unmarked)
                .as("packages without a @NullMarked package-info.java (see docs/architecture.md, Static analysis)")
                .isEmpty();
    }

    /** Directories holding at least one class (package-info.java alone makes no package worth checking). */
    private static List<Path> packagesUnder(Path sources) throws IOException {
        try (Stream<Path> dirs = Files.walk(sources)) {
            List<Path> packages = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".java")
                            && !f.getFileName().toString().equals("package-info.java"))) {
                        packages.add(dir);
                    }
                }
            }
            return packages;
        }
    }
}
