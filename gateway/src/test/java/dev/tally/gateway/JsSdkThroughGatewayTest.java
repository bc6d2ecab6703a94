package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ledger.UsageEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK for JavaScript v3 ({@code @aws-sdk/client-bedrock-runtime}, installed from npm by the test under
 * target/) with {@code AWS_BEARER_TOKEN_BEDROCK}: Converse and ConverseStream through the gateway; the ledger's
 * tokens equal the usage the SDK reported. Skipped when npm cannot install it.
 */
class JsSdkThroughGatewayTest {
    private static final Path INSTALL = Path.of("target", "js-sdk");

    @Test
    void converseAndConverseStream_tokensInTheLedgerEqualWhatTheJsSdkSaw() throws Exception {
        assumeTrue(install(), "the AWS SDK for JavaScript could not be installed from npm");
        Path script = INSTALL.resolve("bedrock-client.mjs");
        Files.copy(Path.of("src/test/resources/js/bedrock-client.mjs"), script, StandardCopyOption.REPLACE_EXISTING);
        try (GatewayHarness h = new GatewayHarness()) {
            String key = h.ledger.create("pia", Map.of("Team", "web"));
            ProcessBuilder pb = new ProcessBuilder("node", script.getFileName().toString()).directory(INSTALL.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("GATEWAY", h.endpoint().toString());
            env.put("AWS_BEARER_TOKEN_BEDROCK", key);
            Path out = INSTALL.resolve("out.json");
            Path err = INSTALL.resolve("err.txt");
            Process p =
                    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            JsonNode seen = new ObjectMapper().readTree(out.toFile());
            assertThat(seen.path("text").asText()).startsWith("Emulated reply to: Stream to the JavaScript SDK");
            UsageEvent converse = last(h, "converse");
            UsageEvent stream = last(h, "converse-stream");
            assertThat(converse.tokens().input())
                    .isEqualTo(seen.at("/converse/inputTokens").asLong());
            assertThat(converse.tokens().output())
                    .isEqualTo(seen.at("/converse/outputTokens").asLong());
            assertThat(stream.tokens().input())
                    .isEqualTo(seen.at("/stream/inputTokens").asLong());
            assertThat(stream.tokens().output())
                    .isEqualTo(seen.at("/stream/outputTokens").asLong());
            assertThat(stream.user()).isEqualTo("pia");
        }
    }

    private static UsageEvent last(GatewayHarness h, String operation) {
        return h.ledger.events().stream()
                .filter(e -> e.operation().equals(operation))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static boolean install() throws Exception {
        if (Files.isDirectory(INSTALL.resolve("node_modules/@aws-sdk/client-bedrock-runtime"))) {
            return true;
        }
        if (!onPath("npm") || !onPath("node")) {
            return false;
        }
        Files.createDirectories(INSTALL);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "@aws-sdk/client-bedrock-runtime")
                .directory(INSTALL.toFile())
                .redirectErrorStream(true)
                .redirectOutput(INSTALL.resolve("npm.log").toFile())
                .start();
        return npm.waitFor(300, TimeUnit.SECONDS)
                && npm.exitValue() == 0
                && Files.isDirectory(INSTALL.resolve("node_modules/@aws-sdk/client-bedrock-runtime"));
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
