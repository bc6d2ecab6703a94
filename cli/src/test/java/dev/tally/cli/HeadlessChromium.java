package dev.tally.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, installed with apt-get when it is missing (as root), run once per page with a
 * fresh profile and no network features. Every process is bounded by a timeout.
 */
public final class HeadlessChromium {
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(12);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** Finds chromium, or installs it with apt-get when this process is root; fails with the reason otherwise. */
    public static HeadlessChromium installedOrInstall(Path workDir) throws IOException, InterruptedException {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            if (!isRoot()) {
                String why =
                        "chromium is not installed and this user is not root, so the test cannot apt-get install it";
                if (System.getenv("CI") != null) {
                    fail(why + "; install the Debian package chromium on the CI machine");
                }
                Assumptions.abort(why + " (skipped outside CI)");
            }
            Path log = workDir.resolve("apt.log");
            run(List.of("apt-get", "update"), log, APT_TIMEOUT, "apt-get update");
            run(List.of("apt-get", "install", "-y", "chromium"), log, APT_TIMEOUT, "apt-get install -y chromium");
            found = find();
            if (found.isEmpty()) {
                fail("apt-get install -y chromium succeeded but no chromium executable is on the PATH; see " + log);
            }
        }
        return new HeadlessChromium(found.orElseThrow(), workDir);
    }

    /** The page's DOM as serialized after its scripts ran. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        Path dom = workDir.resolve(page.getFileName() + ".dom.html");
        List<String> command = command(page);
        command.add(command.size() - 1, "--dump-dom");
        run(command, dom, RUN_TIMEOUT, "chromium --dump-dom " + page);
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    /**
     * The page's DOM after its scripts ran, with Chromium's network log (every request it made or tried, as JSON)
     * written to {@code netLog}.
     */
    String dumpDom(Path page, Path netLog) throws IOException, InterruptedException {
        Path dom = workDir.resolve(page.getFileName() + ".dom.html");
        Files.deleteIfExists(dom);
        List<String> command = command(page);
        command.add(command.size() - 1, "--dump-dom");
        command.add(command.size() - 1, "--log-net-log=" + netLog.toAbsolutePath());
        command.add(command.size() - 1, "--net-log-capture-mode=Everything");
        run(command, dom, RUN_TIMEOUT, "chromium --dump-dom " + page);
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        screenshot(page, png, width, height, List.of());
    }

    /** The page as a reader who prefers a dark colour scheme sees it. */
    void screenshotDark(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        screenshot(page, png, width, height, List.of("--force-dark-mode", "--blink-settings=preferredColorScheme=0"));
    }

    private void screenshot(Path page, Path png, int width, int height, List<String> flags)
            throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        List<String> command = command(page);
        command.addAll(
                command.size() - 1,
                List.of(
                        "--screenshot=" + png.toAbsolutePath(),
                        "--window-size=" + width + "," + height,
                        "--hide-scrollbars"));
        command.addAll(command.size() - 1, flags);
        run(
                command,
                workDir.resolve(page.getFileName() + ".screenshot.log"),
                RUN_TIMEOUT,
                "chromium --screenshot " + page);
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            fail("chromium wrote no screenshot at " + png);
        }
    }

    private List<String> command(Path page) throws IOException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        return new ArrayList<>(List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                page.toAbsolutePath().toUri().toString()));
    }

    /** Runs a command with stdout to {@code output} (appended) and stderr to a side file; fails on timeout or exit code. */
    private static void run(List<String> command, Path output, Duration timeout, String what)
            throws IOException, InterruptedException {
        Path errors = output.resolveSibling(output.getFileName() + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(what + " did not finish within " + timeout + "; output in " + output + " and " + errors);
        }
        if (process.exitValue() != 0) {
            fail(what + " exited with " + process.exitValue() + ": " + tail(errors) + " (full output in " + output
                    + ")");
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return id.waitFor(10, TimeUnit.SECONDS) && uid.equals("0");
    }
}
