package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tally.gateway.Json;
import dev.tally.gateway.config.LogFormat;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One line per request: request id, key id, user, operation, model, status, tokens by type, cost, latency and how it
 * ended. Built only from those fields, so a key, a session token, a secret or a prompt cannot reach it. Lines are
 * written by one background thread so a slow terminal or pipe never holds a request; it writes what has gathered
 * and then rests for {@link #GATHER_MILLIS}, so under load it wakes a hundred times a second, not once per request
 * (each wake-up is a thread switch on the cores the requests need).
 */
public final class AccessLog implements AutoCloseable {
    private static final Map<String, Object> STOP = Map.of();
    private static final long GATHER_MILLIS = 10;

    private final LogFormat format;
    private final PrintStream out;
    private final BlockingQueue<Map<String, Object>> lines = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;

    public AccessLog(LogFormat format, PrintStream out) {
        this.format = requireNonNull(format, "format is null");
        this.out = requireNonNull(out, "out is null");
        this.writer =
                Thread.ofPlatform().daemon().name("tally-gateway-access-log").start(this::drain);
    }

    /** Queues one line; under a flood that outruns the writer, lines are dropped rather than requests slowed. */
    public void write(Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.putAll(fields);
        lines.offer(line);
    }

    @SuppressWarnings("ReferenceEquality") // STOP is a sentinel: identity, not an empty line, ends the drain
    private void drain() {
        List<Map<String, Object>> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(lines.take());
                lines.drainTo(batch);
                for (Map<String, Object> line : batch) {
                    if (line == STOP) {
                        out.flush();
                        return;
                    }
                    out.println(render(line));
                }
                out.flush();
                batch.clear();
                Thread.sleep(GATHER_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String render(Map<String, Object> line) {
        if (format == LogFormat.JSON) {
            try {
                return Json.mapper().writeValueAsString(line);
            } catch (JsonProcessingException e) {
                return "{\"error\":\"access log line not serializable\"}";
            }
        }
        StringBuilder s = new StringBuilder(200);
        line.forEach((k, v) -> {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            String text = String.valueOf(v);
            s.append(k).append('=');
            if (text.isEmpty() || text.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=')) {
                s.append('"')
                        .append(text.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            } else {
                s.append(text);
            }
        });
        return s.toString();
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        try {
            lines.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
