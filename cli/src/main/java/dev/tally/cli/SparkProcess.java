package dev.tally.cli;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.report.query.FirstQuery;
import dev.tally.report.query.FirstQueryFiles;
import dev.tally.report.query.FirstStep;
import dev.tally.report.query.ResultRow;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SparkSqlDialect;
import dev.tally.report.read.SqlDialect;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code tally report --engine spark}: the first step in a child JVM running Spark ({@code dev.tally.spark.SparkChild}
 * from module {@code spark}), the rest of the report here. Spark stays out of this process and its start: the child
 * gets the module options Spark 4 needs and the full JIT ({@code bin/tally} runs reports with C1 only, right for
 * DuckDB, not for Spark's generated code), and a classpath of Spark's own jars, from {@code SPARK_HOME} or the
 * separate download the build prepares ({@code spark/target/spark-lib}), never the tally distribution.
 */
final class SparkProcess implements FirstStep, AutoCloseable {
    /**
     * The options Spark's own launcher passes on JDK 17 and later (the spark module's tests run with the same), but
     * {@code sun.security.action}, which JDK 25 no longer has.
     */
    private static final List<String> SPARK_JVM_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "--enable-native-access=ALL-UNNAMED",
            // Spark's off-heap memory goes through sun.misc.Unsafe, which JDK 24 and later warn about on every start.
            "--sun-misc-unsafe-memory-access=allow");
    /** How long a recording child that gets no query may take to end by itself (its session starts first). */
    private static final long STOP_SECONDS = 60;

    private final Path java;
    private final List<Path> classpath;
    private final List<Path> s3Jars;
    private final Path s3Cache;
    private final SparkAotCache aot;
    private final String master;
    private final Map<String, String> conf;
    /** The child {@link #start} started, until {@link #run} takes it. */
    private @Nullable Child started;

    private SparkProcess(
            Path java,
            List<Path> classpath,
            List<Path> s3Jars,
            Path s3Cache,
            SparkAotCache aot,
            String master,
            Map<String, String> conf) {
        this.java = java;
        this.classpath = List.copyOf(classpath);
        this.s3Jars = List.copyOf(s3Jars);
        this.s3Cache = s3Cache.toAbsolutePath().normalize();
        this.aot = aot;
        this.master = master;
        this.conf = Map.copyOf(conf);
    }

    /**
     * The child's classpath: {@code tally-spark-<version>.jar} from the build ({@code spark/target} under
     * {@code root}) and Spark's jars from {@code sparkHome}'s {@code jars/}, else from {@code spark/target/spark-lib}
     * with, for {@code s3://} inputs, hadoop-aws from {@code spark/target/spark-s3-lib}. {@code cache} is tally's
     * cache folder: the report's S3 copies in {@code s3/} (read by the child from S3 itself, through hadoop-aws), the
     * child's AOT cache in {@code spark/}.
     */
    static SparkProcess locate(
            Path root, Optional<Path> sparkHome, Path cache, String version, String master, Map<String, String> conf) {
        Path tallySpark = root.resolve("spark/target/tally-spark-" + version + ".jar");
        Path sparkJars = sparkHome.map(h -> h.resolve("jars")).orElse(root.resolve("spark/target/spark-lib"));
        List<Path> jars = jars(sparkJars);
        if (jars.isEmpty() || !Files.isRegularFile(tallySpark)) {
            String missing = jars.isEmpty()
                    ? "no Spark jars in " + sparkJars
                            + (sparkHome.isPresent() ? " (SPARK_HOME)" : " and SPARK_HOME is not set")
                    : "no " + tallySpark;
            throw new TallyException(
                    ErrorKind.FAILURE,
                    "--engine spark: " + missing + "; build them with ./mvnw -pl spark -am package -DskipTests"
                            + " or set SPARK_HOME to a Spark 4.2 installation");
        }
        List<Path> classpath = new ArrayList<>(jars);
        classpath.add(tallySpark);
        // A SPARK_HOME brings its own Hadoop: hadoop-aws must be of the same release, so it is that installation's.
        List<Path> s3Jars = sparkHome.isPresent() ? List.of() : jars(root.resolve("spark/target/spark-s3-lib"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new SparkProcess(
                java, classpath, s3Jars, cache.resolve("s3"), new SparkAotCache(cache.resolve("spark")), master, conf);
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public SqlDialect dialect() {
        return SparkSqlDialect.INSTANCE;
    }

    /**
     * Starts the child now, before the inputs are found and the query planned, so that Spark's start (seconds) runs
     * beside this process's own work; {@link #run} then hands it the query. {@code s3}: whether the inputs name S3
     * (the child's classpath then has hadoop-aws). A child this process ends up not using is stopped by
     * {@link #close}.
     */
    void start(boolean s3) {
        if (started == null) {
            started = spawn(s3);
        }
    }

    @Override
    public void run(FirstQuery query, List<SourceFile> files, Consumer<ResultRow> rows) {
        boolean s3 = files.stream()
                .anyMatch(f -> f.path().toAbsolutePath().normalize().startsWith(s3Cache));
        @Nullable Child child = started;
        started = null;
        if (child != null && child.s3() != s3) {
            stop(child);
            child = null;
        }
        if (child == null) {
            child = spawn(s3);
        }
        try {
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(child.process().getOutputStream()))) {
                FirstQueryFiles.writeQuery(query, out);
            } catch (IOException e) {
                // The child ended before taking its query: its exit code and stderr say why, below.
            }
            int exit = child.process().waitFor();
            if (child.plan() instanceof SparkAotCache.Recording record) {
                if (exit == 0) {
                    aot.create(record, java, jvmOptions(), classpath);
                } else {
                    aot.discard(record);
                }
            }
            if (!Files.isRegularFile(child.rowsFile())) {
                throw new TallyException(
                        ErrorKind.FAILURE, "Spark ended with exit code " + exit + " before answering (see above)");
            }
            try (DataInputStream in =
                    new DataInputStream(new BufferedInputStream(Files.newInputStream(child.rowsFile())))) {
                int status = in.readInt();
                if (status != 0) {
                    throw new TallyException(
                            status == 2 ? ErrorKind.USAGE : ErrorKind.BAD_DATA, OneLine.of(in.readUTF()));
                }
                FirstQueryFiles.readRows(query, in, rows);
            }
        } catch (IOException e) {
            throw TallyException.failure("--engine spark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.process().destroy();
            throw TallyException.failure("--engine spark: interrupted", e);
        } finally {
            deleteQuietly(child.rowsFile().getParent());
        }
    }

    /** Stops a child started for a report that did not need it (no input, a usage error, another classpath). */
    @Override
    public void close() {
        if (started != null) {
            stop(started);
            started = null;
        }
    }

    /** A child JVM, its query still to come on its stdin, its rows to come in {@code rowsFile}. */
    private record Child(Process process, SparkAotCache.Plan plan, boolean s3, Path rowsFile) {}

    private Child spawn(boolean s3) {
        @Nullable Path dir = null;
        try {
            dir = Files.createTempDirectory("tally-spark-");
            Path rowsFile = dir.resolve("rows");
            // hadoop-aws (its AWS bundle is hundreds of MB) only when an input is in S3, after the classpath the AOT
            // cache was made for: the JVM accepts a longer classpath than the cache's.
            List<Path> runClasspath = new ArrayList<>(classpath);
            if (s3) {
                runClasspath.addAll(s3Jars);
            }
            List<String> options = jvmOptions();
            SparkAotCache.Plan plan = aot.plan(java, options, classpath);
            if (s3 && plan instanceof SparkAotCache.Recording) {
                // Recorded with hadoop-aws, the cache would not match the classpath of reports without it.
                plan = new SparkAotCache.None();
            }
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(options);
            command.addAll(plan.options());
            command.add("-cp");
            command.add(SparkAotCache.classpath(runClasspath));
            command.addAll(arguments(rowsFile));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new Child(process, plan, s3, rowsFile);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw TallyException.failure("--engine spark: cannot start Spark's JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Ends a child that gets no query: with its stdin closed it ends by itself once its session has started, through
     * Spark's own shutdown (which removes its temporary folders). Not by a signal: a JVM signalled while it starts
     * prints a line of its own on the user's terminal, and a killed one leaves Spark's folders behind. A recording
     * child's record, written as it exits, is of no use: it is waited for (at most {@link #STOP_SECONDS}, then
     * signalled) and removed.
     */
    private void stop(Child child) {
        try {
            child.process().getOutputStream().close();
        } catch (IOException e) {
            // Already gone.
        }
        if (child.plan() instanceof SparkAotCache.Recording record) {
            try {
                if (!child.process().waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    child.process().destroy();
                    child.process().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            aot.discard(record);
        }
        deleteQuietly(child.rowsFile().getParent());
    }

    /** The child's JVM options, but the classpath and the AOT cache's. */
    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(SPARK_JVM_OPTIONS);
        // Throughput over pauses: a report is one batch query, and ParallelGC spends the least CPU per row on
        // Spark's short-lived rows (G1's write barriers and concurrent marking cost a core of two here). The heap
        // starts at 1 GiB so the first seconds are not spent growing it; no hsperfdata file, as bin/tally.
        options.add("-XX:+UseParallelGC");
        options.add("-Xms1g");
        options.add("-XX:-UsePerfData");
        // In local mode the driver is this JVM: its memory is set here, not by Spark after it started.
        Optional.ofNullable(conf.get("spark.driver.memory")).ifPresent(m -> options.add("-Xmx" + m));
        return options;
    }

    private List<String> arguments(Path rowsFile) {
        List<String> arguments = new ArrayList<>();
        arguments.add("dev.tally.spark.SparkChild");
        arguments.add(rowsFile.toString());
        arguments.add(master);
        arguments.add(s3Cache.toString());
        // Spark's progress bar only where a person watches; piped stderr stays clean.
        if (!conf.containsKey("spark.ui.showConsoleProgress")) {
            arguments.add("spark.ui.showConsoleProgress=" + Terminal.interactive());
        }
        conf.forEach((k, v) -> arguments.add(k + "=" + v));
        return arguments;
    }

    private static void deleteQuietly(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the report's answer is not.
        }
    }
}
