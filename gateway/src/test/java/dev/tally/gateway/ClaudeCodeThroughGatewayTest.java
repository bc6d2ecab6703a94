package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tally.ledger.Outcome;
import dev.tally.ledger.UsageEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code, installed from npm by the test (once per build, under target/), runs {@code claude -p} through the
 * gateway exactly as a user would configure it: {@code CLAUDE_CODE_USE_BEDROCK=1}, the gateway as
 * {@code ANTHROPIC_BEDROCK_BASE_URL}, the key in {@code AWS_BEARER_TOKEN_BEDROCK}. Its calls, control plane
 * included, succeed and land in the ledger under the key's user. Skipped when npm cannot install it (offline).
 */
class ClaudeCodeThroughGatewayTest {
    private static final Path INSTALL = Path.of("target", "claude-code");

    @TempDir
    Path home;

    @Test
    void claudeP_throughTheGateway_succeeds_andIsMeteredUnderTheKeysUser() throws Exception {
        Path claude = installed();
        assumeTrue(claude != null, "Claude Code could not be installed from npm");
        try (GatewayHarness h = new GatewayHarness()) {
            String key = h.ledger.create("nora", Map.of("Team", "agents"));
            ProcessBuilder pb = new ProcessBuilder(claude.toString(), "-p", "say hi").directory(home.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_"));
            env.put("HOME", home.toString());
            env.put("CLAUDE_CODE_USE_BEDROCK", "1");
            env.put("ANTHROPIC_BEDROCK_BASE_URL", h.endpoint().toString());
            env.put("AWS_BEARER_TOKEN_BEDROCK", key);
            env.put("AWS_REGION", "us-east-1");
            env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            Path out = home.resolve("out.txt");
            Path err = home.resolve("err.txt");
            Process p =
                    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(out)).contains("Emulated reply");
            List<UsageEvent> events = h.ledger.events();
            assertThat(events).isNotEmpty().allMatch(e -> e.user().equals("nora"));
            assertThat(events).anyMatch(e -> e.operation().equals("invoke-stream") && e.outcome() == Outcome.COMPLETED);
            assertThat(events).allMatch(e -> e.httpStatus() < 400);
            System.out.println("claude -p made: "
                    + events.stream()
                            .map(e -> e.operation() + " " + e.modelId())
                            .toList());
        }
    }

    private static Path installed() throws Exception {
        Path claude = INSTALL.resolve("node_modules/.bin/claude");
        if (Files.isExecutable(claude)) {
            return claude.toAbsolutePath();
        }
        if (!onPath("npm")) {
            return null;
        }
        Files.createDirectories(INSTALL);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "@anthropic-ai/claude-code")
                .directory(INSTALL.toFile())
                .redirectErrorStream(true)
                .redirectOutput(INSTALL.resolve("npm.log").toFile())
                .start();
        if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0 || !Files.isExecutable(claude)) {
            return null;
        }
        return claude.toAbsolutePath();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
