package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.http.Reply;
import dev.tally.emulator.inspect.CallLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /_emulator/calls} and {@code POST /_emulator/flush}; no authentication, no secrets. */
final class Inspection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallLog log;
    private final Supplier<List<Path>> flush;

    Inspection(CallLog log, Supplier<List<Path>> flush) {
        this.log = requireNonNull(log, "log is null");
        this.flush = requireNonNull(flush, "flush is null");
    }

    void handle(Exchange exchange) {
        String path = exchange.call().rawPath();
        String method = exchange.call().method();
        try {
            if (path.equals("/_emulator/calls") && method.equals("GET")) {
                exchange.reply(Reply.json(200, JSON.writeValueAsBytes(log.snapshot()), Map.of()));
            } else if (path.equals("/_emulator/flush") && method.equals("POST")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("files", flush.get().stream().map(Path::toString).toList());
                exchange.reply(Reply.json(200, JSON.writeValueAsBytes(out), Map.of()));
            } else {
                exchange.reply(Reply.json(
                        404,
                        "{\"message\":\"unknown emulator endpoint " + method + " " + path
                                + " (GET /_emulator/calls, POST /_emulator/flush)\"}"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            exchange.reply(Reply.json(
                    500, "{\"message\":\"flush failed: " + e.getClass().getSimpleName() + "\"}"));
        }
    }
}
