package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/lib/java.sh finds JDK 25 where people install it, checked with fake JDK folders (a release file and a bin/java). */
class LauncherJavaTest {
    @TempDir
    Path dir;

    @Test
    void findsJdk25_inJavaHome() throws Exception {
        Path jdk = fakeJdk(dir.resolve("somewhere/jdk-25"), "25.0.1");
        assertThat(find(Map.of("JAVA_HOME", jdk.toString())))
                .isEqualTo(jdk.resolve("bin/java").toString());
    }

    @Test
    void skipsAnOlderJavaHome_andFindsJdk25_inASystemFolder() throws Exception {
        Path old = fakeJdk(dir.resolve("old/jdk-21"), "21.0.5");
        Path jvm = dir.resolve("usr-lib-jvm");
        fakeJdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.2");
        Path jdk = fakeJdk(jvm.resolve("java-25-openjdk-amd64"), "25");
        assertThat(find(Map.of("JAVA_HOME", old.toString(), "TALLY_JDK_DIRS", jvm.toString())))
                .isEqualTo(jdk.resolve("bin/java").toString());
    }

    @Test
    void findsJdk25_inMacOsJavaVirtualMachines() throws Exception {
        Path vms = dir.resolve("JavaVirtualMachines");
        Path home = fakeJdk(vms.resolve("temurin-25.jdk/Contents/Home"), "25.0.1");
        assertThat(find(Map.of("TALLY_JDK_DIRS", vms.toString())))
                .isEqualTo(home.resolve("bin/java").toString());
    }

    @Test
    void findsJdk25_inSdkman() throws Exception {
        Path jdk = fakeJdk(dir.resolve("home/.sdkman/candidates/java/25.0.1-tem"), "25.0.1");
        assertThat(find(Map.of("HOME", dir.resolve("home").toString())))
                .isEqualTo(jdk.resolve("bin/java").toString());
    }

    @Test
    void findsJdk25_inAsdf() throws Exception {
        Path jdk = fakeJdk(dir.resolve("home/.asdf/installs/java/temurin-25.0.1+8"), "25.0.1");
        assertThat(find(Map.of("HOME", dir.resolve("home").toString())))
                .isEqualTo(jdk.resolve("bin/java").toString());
    }

    @Test
    void noJdk25_saysHowToSetOne() throws Exception {
        fakeJdk(dir.resolve("home/.sdkman/candidates/java/21.0.5-tem"), "21.0.5");
        ProcessBuilder pb = shell(Map.of("HOME", dir.resolve("home").toString()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).isEqualTo("tally: JDK 25 or newer not found (set TALLY_JAVA_HOME or JAVA_HOME to it)\n");
    }

    private static Path fakeJdk(Path home, String version) throws IOException {
        Path java = home.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho fake java\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private String find(Map<String, String> env) throws Exception {
        Process p = shell(env).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    /** bash sourcing the launcher's library with only the given variables: no real JDK is visible. */
    private ProcessBuilder shell(Map<String, String> env) {
        Path script = Path.of(System.getProperty("tally.root"), "bin/lib/java.sh");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", ". \"$1\" && find_java", "bash", script.toString())
                .redirectErrorStream(true);
        Map<String, String> vars = pb.environment();
        vars.clear();
        // No java on PATH either: a folder with nothing in it.
        vars.put("PATH", dir.resolve("empty-path").toString());
        vars.put("HOME", dir.resolve("empty-home").toString());
        vars.put("TALLY_JDK_DIRS", dir.resolve("no-system-jdks").toString());
        vars.putAll(new HashMap<>(env));
        return pb;
    }
}
