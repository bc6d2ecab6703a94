package dev.tally.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's null check really checks on this JDK: javac with Error Prone and NullAway, configured as the root
 * pom configures them, must refuse a {@code @NullMarked} fixture that dereferences a {@code @Nullable} (older
 * NullAway versions compile it silently on JDK 25), and accept the same fixture once it checks for null.
 */
class NullAwayFixtureTest {
    private static final String HEADER = "@org.jspecify.annotations.NullMarked\npackage fixture;\n";

    @TempDir
    Path dir;

    @Test
    void nullDereference_inANullMarkedPackage_failsTheCompile_andOnlyThere() throws Exception {
        // The same dereference in an unmarked package is not checked: packages opt in with @NullMarked.
        Path plain = dir.resolve("src/plain/Plain.java");
        Files.createDirectories(plain.getParent());
        Files.writeString(
                plain,
                "package plain;\nclass Plain { static int length(@org.jspecify.annotations.Nullable String s) {"
                        + " return s.length(); } }\n");
        Result r =
                compile("static int length(@org.jspecify.annotations.Nullable String s) { return s.length(); }", plain);
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output())
                .contains("Fixture.java:3: error: [NullAway] dereferenced expression 's' is @Nullable")
                .doesNotContain("Plain.java")
                .contains("1 error");
    }

    @Test
    void theSameCode_checkedForNull_compiles() throws Exception {
        Result r = compile(
                "static int length(@org.jspecify.annotations.Nullable String s) { return s == null ? 0 : s.length(); }");
        assertThat(r.exit()).as(r.output()).isZero();
    }

    record Result(int exit, String output) {}

    private Result compile(String method, Path... others) throws Exception {
        Path src = dir.resolve("src/fixture");
        Files.createDirectories(src);
        Files.writeString(src.resolve("package-info.java"), HEADER);
        Files.writeString(src.resolve("Fixture.java"), "package fixture;\nclass Fixture {\n  " + method + "\n}\n");
        List<Path> sources = new ArrayList<>(List.of(src.resolve("package-info.java"), src.resolve("Fixture.java")));
        sources.addAll(List.of(others));
        return javac(sources);
    }

    /** javac in its own process, as Maven runs it: the JDK 25 exports, Error Prone as a plugin, NullAway's options. */
    private Result javac(List<Path> sources) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        List<String> command = new ArrayList<>(List.of(javac.toString()));
        for (String line : Files.readAllLines(Path.of(System.getProperty("tally.root"), ".mvn", "jvm.config"))) {
            if (!line.isBlank()) {
                command.add("-J" + line.strip());
            }
        }
        command.addAll(List.of(
                "-d",
                dir.resolve("classes").toString(),
                "-cp",
                classpath,
                "-processorpath",
                classpath,
                "-XDcompilePolicy=simple",
                "--should-stop=ifError=FLOW",
                "-Xplugin:ErrorProne -Xep:NullAway:ERROR -XepOpt:NullAway:OnlyNullMarked=true"
                        + " -XepOpt:NullAway:JSpecifyMode=true"));
        sources.forEach(s -> command.add(s.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
