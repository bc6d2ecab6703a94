package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The AWS CLI (botocore: its own bearer-token support and its own idea of the wire) pointed at the gateway with
 * {@code AWS_BEARER_TOKEN_BEDROCK}: a non-streaming Converse succeeds, and the ledger holds the tokens it printed.
 */
class AwsCliThroughGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void converse_withABearerToken_isMeteredWithTheTokensTheCliPrinted() throws Exception {
        String aws = findAws();
        assumeTrue(aws != null, "aws CLI is not installed");
        try (GatewayHarness h = new GatewayHarness()) {
            String key = h.ledger.create("lena", Map.of("Team", "cli"));
            ProcessBuilder pb = new ProcessBuilder(
                            aws,
                            "bedrock-runtime",
                            "converse",
                            "--endpoint-url",
                            h.endpoint().toString(),
                            "--region",
                            "us-east-1",
                            "--model-id",
                            "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                            "--messages",
                            "[{\"role\":\"user\",\"content\":[{\"text\":\"Hello from the AWS CLI\"}]}]",
                            "--output",
                            "json")
                    .directory(home.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("HOME", home.toString());
            env.put("AWS_BEARER_TOKEN_BEDROCK", key);
            env.put("AWS_CONFIG_FILE", home.resolve("none").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
            Path out = home.resolve("out.json");
            Path err = home.resolve("err.txt");
            Process p =
                    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            JsonNode answer = JSON.readTree(out.toFile());
            List<UsageEvent> events = h.ledger.events();
            UsageEvent e = events.getLast();
            assertThat(e.user()).isEqualTo("lena");
            assertThat(e.operation()).isEqualTo("converse");
            assertThat(e.tokens().input())
                    .isEqualTo(answer.at("/usage/inputTokens").asLong());
            assertThat(e.tokens().output())
                    .isEqualTo(answer.at("/usage/outputTokens").asLong());
            assertThat(h.aws.calls().recentAssumeRoleCalls().getLast().sessionName())
                    .isEqualTo("gw-lena");
        }
    }

    private static String findAws() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "aws");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
