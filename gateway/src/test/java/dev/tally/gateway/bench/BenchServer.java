package dev.tally.gateway.bench;

import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.ApiKey;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.Gateway;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * For bench/gateway/run.sh: the emulator (with a Bedrock API key, the baseline's way in) and a gateway in front of
 * it with a SQLite ledger at the default sync, in this JVM. Prints four lines: the emulator URL, the gateway URL,
 * the emulator's API key and a gateway key; then serves until killed. The access log is discarded (a terminal would
 * be the bottleneck, not the gateway).
 */
public final class BenchServer {
    private static final String EMULATOR_KEY = "bench-direct-key";

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tally-gateway-bench");
        Emulator aws = Emulator.start(
                EmulatorConfig.builder()
                        .apiKey(ApiKey.parse(EMULATOR_KEY + "=arn:aws:iam::123456789012:user/BedrockAPIKey-bench"))
                        .build(),
                new PrintStream(OutputStream.nullOutputStream()));
        Ledger ledger = Ledger.open(dir.resolve("ledger.db").toString(), SyncMode.NORMAL);
        String key = ledger.keys().create("bench", Map.of("Team", "perf")).key();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Gateway gateway = Gateway.start(
                GatewayConfig.builder()
                        .port(0)
                        .upstream(aws.endpoint().toString())
                        .roleArn("arn:aws:iam::123456789012:role/tally-dev")
                        .build(),
                new Gateway.Services(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                        dev.tally.gateway.KeyLookup.of(ledger.keys()),
                        ledger::record,
                        ledger::writable,
                        InstantSource.system(),
                        false,
                        PriceCatalog.builtIn(),
                        quiet,
                        System.err));
        System.out.println(aws.endpoint());
        System.out.println(gateway.endpoint());
        System.out.println(EMULATOR_KEY);
        System.out.println(key);
        System.out.flush();
        Thread.currentThread().join();
    }
}
