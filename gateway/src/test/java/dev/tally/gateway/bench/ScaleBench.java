package dev.tally.gateway.bench;

import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For bench/gateway/scale.sh, which runs a real {@code bin/tally gateway} process between these parts so its RSS,
 * threads and file descriptors can be read from /proc:
 *
 * <ul>
 *   <li>{@code emulator}: starts {@code tally emulator}'s server in this JVM, prints its URL, serves until killed;
 *   <li>{@code keys LEDGER N FILE}: creates N gateway keys for N distinct users (each its own identity: user, team,
 *       project) in a SQLite ledger and writes them to FILE (mode 0600), one a line;
 *   <li>{@code each URL FILE}: one small {@code invoke} per key (32 clients), prints how many answered 200;
 *   <li>{@code mixed URL FILE N}: N requests of every kind with the first key: {@code invoke}, a stream read whole,
 *       a stream cut by the client after 100 bytes, in 32 clients; prints the count per status.
 * </ul>
 */
public final class ScaleBench {
    private static final String MODEL = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    private static final int CLIENTS = 32;

    private ScaleBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "emulator" -> emulator();
            case "keys" -> keys(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "each" -> each(args[1], Files.readAllLines(Path.of(args[2])));
            case "mixed" -> mixed(args[1], Files.readAllLines(Path.of(args[2])).getFirst(), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown part " + args[0]);
        }
    }

    private static void emulator() throws InterruptedException {
        Emulator aws =
                Emulator.start(EmulatorConfig.builder().build(), new PrintStream(OutputStream.nullOutputStream()));
        System.out.println(aws.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void keys(String ledgerPath, int count, Path out) throws IOException {
        List<String> keys = new ArrayList<>(count);
        try (Ledger ledger = Ledger.open(ledgerPath, SyncMode.NORMAL)) {
            for (int i = 0; i < count; i++) {
                keys.add(ledger.keys()
                        .create("user" + i + "@example.com", Map.of("Team", "team" + i % 50, "Project", "p" + i % 7))
                        .key());
            }
        }
        Files.deleteIfExists(out);
        Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(out, keys);
    }

    private static void each(String url, List<String> keys) throws Exception {
        AtomicLong ok = new AtomicLong();
        run(keys.size(), i -> {
            if (send(url, keys.get(i), "invoke", false) == 200) {
                ok.incrementAndGet();
            }
        });
        System.out.println(ok.get());
    }

    private static void mixed(String url, String key, int count) throws Exception {
        AtomicLong[] byKind = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
        AtomicLong failed = new AtomicLong();
        run(count, i -> {
            int kind = i % 3;
            int status = send(url, key, kind == 0 ? "invoke" : "invoke-with-response-stream", kind == 2);
            (status == 200 ? byKind[kind] : failed).incrementAndGet();
        });
        System.out.printf(
                "invoke 200: %d, stream 200: %d, cut stream 200: %d, other: %d%n",
                byKind[0].get(), byKind[1].get(), byKind[2].get(), failed.get());
    }

    private interface Call {
        void make(int i) throws Exception;
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static void run(int count, Call call) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        call.make((int) i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        }
    }

    /** The status; a stream cut by this client after 100 bytes counts as its status line said. */
    private static int send(String url, String key, String op, boolean cut) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url + "/model/" + MODEL + "/" + op))
                .header("Authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
        try {
            HttpResponse<InputStream> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = answer.body()) {
                if (cut) {
                    in.readNBytes(100);
                } else {
                    in.readAllBytes();
                }
            }
            return answer.statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
