package dev.tally.emulator.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded load generator: {@code concurrency} virtual threads, each with a request in flight at a time
 * over the JDK HttpClient (HTTP/1.1 keep-alive, so about one connection each), bearer API key auth. Warms
 * up, then measures for a fixed time and stops by itself. Prints one line of JSON.
 *
 * <p>{@code java -cp ... dev.tally.emulator.bench.LoadGenerator ENDPOINT invoke|sigv4|stream SECONDS [CONCURRENCY [raw|jdk]]}:
 * {@code raw} (default) is {@link RawHttpClient}, one socket per thread; {@code jdk} the JDK HttpClient.
 * {@code sigv4} is {@code invoke} signed with SigV4 instead of a bearer key (raw client only).
 */
public final class LoadGenerator {
    static final String API_KEY = "bench-key";
    private static final String SMALL = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    /** About 220 characters of reply: 14 text deltas, 19 frames per stream. */
    private static final String STREAM = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"messages":[{"role":"user","content":"%s"}]}""".formatted("Tell me about the cost of tokens. ".repeat(6));

    /** Virtual threads; {@code -Dbench.platform=true} uses platform threads (measured within noise of each other). */
    private static final Thread.Builder THREADS =
            Boolean.getBoolean("bench.platform") ? Thread.ofPlatform().daemon() : Thread.ofVirtual();

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        boolean stream = args[1].equals("stream");
        boolean sigv4 = args[1].equals("sigv4");
        int seconds = Integer.parseInt(args[2]);
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        boolean raw = args.length <= 4 || args[4].equals("raw");
        URI uri = endpoint.resolve(
                "/model/us.anthropic.claude-sonnet-4-6/" + (stream ? "invoke-with-response-stream" : "invoke"));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(stream ? STREAM : SMALL))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] rawRequest = sigv4
                ? RawHttpClient.signedRequest(uri, SMALL)
                : RawHttpClient.request(uri, API_KEY, stream ? STREAM : SMALL);
        Call call = raw ? rawCall(uri, rawRequest) : jdkCall(client, request);

        run(call, concurrency, Duration.ofSeconds(2), stream, false);
        Result r = run(call, concurrency, Duration.ofSeconds(seconds), stream, true);
        System.out.println(r.json(args[1] + (raw ? "" : "-jdk-client"), concurrency));
    }

    /** One request on the calling thread: the response body, or null when the status was not 200. */
    private interface Call {
        byte[] send() throws Exception;
    }

    private static Call jdkCall(HttpClient client, HttpRequest request) {
        return () -> {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? response.body() : null;
        };
    }

    /** One socket per (virtual) thread, opened on first use and kept alive. */
    private static Call rawCall(URI uri, byte[] request) {
        ThreadLocal<RawHttpClient> connections = new ThreadLocal<>();
        ThreadLocal<ByteArrayOutputStream> buffers = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(8192));
        return () -> {
            RawHttpClient c = connections.get();
            if (c == null) {
                c = new RawHttpClient(uri);
                connections.set(c);
            }
            try {
                ByteArrayOutputStream body = buffers.get();
                return c.exchange(request, body) == 200 ? body.toByteArray() : null;
            } catch (IOException e) {
                c.close();
                connections.remove();
                throw e;
            }
        };
    }

    private record Result(long requests, long errors, long frames, long bytes, double seconds, long[] latenciesNanos) {
        String json(String mode, int concurrency) {
            long[] l = latenciesNanos;
            Arrays.sort(l);
            double p50 = l.length == 0 ? 0 : l[l.length / 2] / 1e6;
            double p99 = l.length == 0 ? 0 : l[(int) Math.min(l.length - 1, (long) (l.length * 0.99))] / 1e6;
            return String.format(
                    Locale.ROOT,
                    "{\"mode\":\"%s\",\"concurrency\":%d,\"seconds\":%.2f,\"requests\":%d,\"errors\":%d,\"requestsPerSecond\":%.0f,"
                            + "\"framesPerSecond\":%.0f,\"megabytesPerSecond\":%.2f,\"p50Millis\":%.3f,\"p99Millis\":%.3f}",
                    mode,
                    concurrency,
                    seconds,
                    requests,
                    errors,
                    requests / seconds,
                    frames / seconds,
                    bytes / seconds / 1e6,
                    p50,
                    p99);
        }
    }

    private static Result run(Call call, int concurrency, Duration duration, boolean stream, boolean measure)
            throws InterruptedException {
        LongAdder requests = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder frames = new LongAdder();
        LongAdder bytes = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            long[] mine = new long[measure ? 4_000_000 / concurrency : 0];
            int[] count = new int[1];
            latencies.add(mine);
            counts.add(count);
            threads.add(THREADS.start(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        byte[] body = call.send();
                        if (body == null) {
                            errors.increment();
                            continue;
                        }
                        requests.increment();
                        bytes.add(body.length);
                        if (stream) {
                            frames.add(countFrames(body));
                        }
                    } catch (Exception e) {
                        errors.increment();
                        continue;
                    }
                    if (count[0] < mine.length) {
                        mine[count[0]++] = System.nanoTime() - t0;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = counts.stream().mapToLong(c -> c[0]).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int i = 0; i < latencies.size(); i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts.get(i)[0]);
            at += counts.get(i)[0];
        }
        return new Result(requests.sum(), errors.sum(), frames.sum(), bytes.sum(), seconds, all);
    }

    /** Walks the event-stream prelude lengths: frames per response, without decoding them. */
    private static int countFrames(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        int n = 0;
        int at = 0;
        while (at + 4 <= body.length) {
            at += b.getInt(at);
            n++;
        }
        return n;
    }
}
