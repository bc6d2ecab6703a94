package dev.tally.emulator.bench;

import dev.tally.emulator.ApiKey;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.http.LoopbackServer;
import dev.tally.emulator.http.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's server process: an emulator (bearer key {@code bench-key}, billing written to a temporary
 * folder so the flush path is exercised) and, as the baseline, the same Jetty server answering a constant
 * 200-byte JSON body without any emulator logic: the HTTP floor of this machine and generator.
 *
 * <p>Prints two lines, the emulator endpoint then the baseline endpoint, and runs until killed. Run by
 * {@code bench/emulator/run.sh}.
 */
public final class BenchServer {
    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        Path cur = Files.createTempDirectory("tally-bench-cur");
        Emulator emulator = Emulator.start(EmulatorConfig.builder()
                .apiKey(new ApiKey(LoadGenerator.API_KEY, "arn:aws:iam::123456789012:user/BedrockAPIKey-bench"))
                .curOut(cur)
                .build());
        byte[] body =
                ("{\"id\":\"msg_bdrk_baseline\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"baseline\"}],"
                                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}")
                        .getBytes(StandardCharsets.UTF_8);
        LoopbackServer baseline = new LoopbackServer(
                0,
                exchange -> exchange.reply(Reply.json(200, body, Map.of())),
                (method, path, bug) -> bug.printStackTrace());
        baseline.start();
        System.out.println(emulator.endpoint());
        System.out.println(baseline.endpoint());
        System.out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            baseline.close();
            emulator.close();
        }));
        forever.await();
    }
}
