package dev.tally.gateway.bench;

import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.ApiKey;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.Gateway;
import dev.tally.gateway.KeyLookup;
import dev.tally.gateway.UsageSink;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.timing.StageSink;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * For bench/gateway/run.sh: the emulator (with a Bedrock API key, the baseline's way in; in this JVM or another)
 * and a gateway in front of it with a SQLite ledger at the default sync; and a second gateway whose usage sink commits nothing
 * (it answers at once), to tell the ledger's share of the added latency. Prints five lines: the emulator URL, the
 * gateway URL, the emulator's API key, a gateway key (good for both gateways) and the no-ledger gateway's URL; then
 * serves until killed. The access log is discarded (a terminal would be the bottleneck, not the gateway).
 *
 * <p>On standard input, {@code stages start} begins gathering the first gateway's stage times and
 * {@code stages report} prints their breakdown ({@link StageBreakdown}) followed by a line {@code end}.
 */
public final class BenchServer {
    private static final String EMULATOR_KEY = "bench-direct-key";

    /**
     * With {@code emulator} as the only argument: only the emulator, printing its URL; with {@code --upstream URL}:
     * the gateways in front of that emulator (started apart, so that the gateway's JVM holds only what a gateway
     * holds, as in production: sharing one JVM, the emulator's and the gateway's Jetty servers share compiled code,
     * and alternating direct and gateway load kept the JIT recompiling both).
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("emulator")) {
            System.out.println(emulator().endpoint());
            System.out.flush();
            Thread.currentThread().join();
        }
        URI aws = args.length == 2 && args[0].equals("--upstream")
                ? URI.create(args[1])
                : emulator().endpoint();
        Path dir = Files.createTempDirectory("tally-gateway-bench");
        Ledger ledger = Ledger.open(dir.resolve("ledger.db").toString(), SyncMode.NORMAL);
        String key = ledger.keys().create("bench", Map.of("Team", "perf")).key();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        StageBreakdown stages = new StageBreakdown();
        Gateway gateway = gateway(aws, ledger, ledger::record, quiet, stages);
        Gateway noLedger =
                gateway(aws, ledger, event -> CompletableFuture.completedFuture(null), quiet, StageSink.NONE);
        System.out.println(aws);
        System.out.println(gateway.endpoint());
        System.out.println(EMULATOR_KEY);
        System.out.println(key);
        System.out.println(noLedger.endpoint());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command.strip()) {
                case "stages start" -> stages.start();
                case "stages report" -> {
                    stages.report().forEach(System.out::println);
                    System.out.println("end");
                    System.out.flush();
                }
                default -> System.err.println("unknown command: " + command);
            }
        }
        Thread.currentThread().join();
    }

    private static Emulator emulator() {
        return Emulator.start(
                EmulatorConfig.builder()
                        .apiKey(ApiKey.parse(EMULATOR_KEY + "=arn:aws:iam::123456789012:user/BedrockAPIKey-bench"))
                        .build(),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    private static Gateway gateway(URI aws, Ledger ledger, UsageSink usage, PrintStream quiet, StageSink stages) {
        return Gateway.start(
                GatewayConfig.builder()
                        .port(0)
                        .upstream(aws.toString())
                        .roleArn("arn:aws:iam::123456789012:role/tally-dev")
                        .build(),
                new Gateway.Services(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                        KeyLookup.of(ledger.keys()),
                        usage,
                        ledger::writable,
                        InstantSource.system(),
                        false,
                        PriceCatalog.builtIn(),
                        quiet,
                        System.err),
                Governance.NONE,
                stages);
    }
}
