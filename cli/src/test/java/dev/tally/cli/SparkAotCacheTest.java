package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark child's AOT cache: named by what makes it valid, recorded when absent, never able to break the child.
 * (The whole cycle, a report recording it and the next starting from it, is ReportSparkEngineTest's.)
 */
class SparkAotCacheTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final List<String> OPTIONS = List.of("-XX:+UseParallelGC", "-Xms1g");

    @TempDir
    Path dir;

    @Test
    void noCache_recordsOne_andARebuiltJarNamesAnother() throws Exception {
        Path jar = Files.writeString(dir.resolve("spark.jar"), "not really a jar");
        SparkAotCache aot = new SparkAotCache(dir.resolve("aot"));
        SparkAotCache.Plan first = aot.plan(JAVA, OPTIONS, List.of(jar));
        assertThat(first).isInstanceOf(SparkAotCache.Recording.class);
        assertThat(first.options()).anyMatch(o -> o.equals("-XX:AOTMode=record"));
        Path cache = ((SparkAotCache.Recording) first).cache();
        // -Xmx follows spark.driver.memory and is no part of a cache: the same name.
        assertThat(((SparkAotCache.Recording)
                                aot.plan(JAVA, List.of("-XX:+UseParallelGC", "-Xms1g", "-Xmx8g"), List.of(jar)))
                        .cache())
                .isEqualTo(cache);
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertThat(((SparkAotCache.Recording) aot.plan(JAVA, OPTIONS, List.of(jar))).cache())
                .isNotEqualTo(cache);
    }

    @Test
    void anUnusableCache_isUsed_andTheJvmRunsAllTheSame() throws Exception {
        Path jar = Files.writeString(dir.resolve("spark.jar"), "x");
        SparkAotCache aot = new SparkAotCache(dir);
        Path cache = ((SparkAotCache.Recording) aot.plan(JAVA, OPTIONS, List.of(jar))).cache();
        Files.write(cache, new byte[4096]);
        SparkAotCache.Plan plan = aot.plan(JAVA, OPTIONS, List.of(jar));
        assertThat(plan).isEqualTo(new SparkAotCache.Use(cache));
        // A truncated, foreign or stale cache: the JVM says so on stdout (the child's is discarded) and runs.
        Process java = new ProcessBuilder(JAVA.toString(), plan.options().get(0), "-version")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).isZero();
    }

    @Test
    void aFailedCreation_leavesNothingBehind() throws Exception {
        Path jar = Files.writeString(dir.resolve("spark.jar"), "x");
        SparkAotCache aot = new SparkAotCache(dir.resolve("aot"));
        SparkAotCache.Recording recording = (SparkAotCache.Recording) aot.plan(JAVA, OPTIONS, List.of(jar));
        Files.writeString(recording.configuration(), "not a recording");
        assertThat(aot.create(recording, JAVA, OPTIONS, List.of(jar))).isFalse();
        assertThat(dir.resolve("aot")).isEmptyDirectory();
    }

    @Test
    void aNewCache_replacesThisInstallationsEarlierBuilds_andOthersUnusedForAWeek() throws Exception {
        Path jar = Files.writeString(dir.resolve("spark.jar"), "x");
        Path folder = Files.createDirectories(dir.resolve("aot"));
        SparkAotCache aot = new SparkAotCache(folder);
        Path earlier = ((SparkAotCache.Recording) aot.plan(JAVA, OPTIONS, List.of(jar))).cache();
        Files.writeString(earlier, "earlier build");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Path kept = ((SparkAotCache.Recording) aot.plan(JAVA, OPTIONS, List.of(jar))).cache();
        Files.writeString(kept, "this build");
        Path otherInUse = Files.writeString(folder.resolve("child-0123456789abcdef-0000000000000000.aot"), "in use");
        Path otherUnused = Files.writeString(folder.resolve("child-fedcba9876543210-0000000000000000.aot"), "old");
        Files.setLastModifiedTime(otherUnused, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
        aot.removeStale(kept);
        assertThat(folder).isDirectoryNotContaining(p -> p.equals(earlier) || p.equals(otherUnused));
        assertThat(kept).exists();
        assertThat(otherInUse).exists();
    }

    @Test
    void anUnwritableFolder_runsWithout() {
        SparkAotCache aot = new SparkAotCache(Path.of("/proc/tally-no-such-folder"));
        assertThat(aot.plan(JAVA, OPTIONS, List.of()).options()).isEmpty();
    }
}
