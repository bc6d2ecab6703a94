package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.http.AwsJson;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.http.Reply;
import dev.tally.emulator.inspect.CallLog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /_emulator/calls} and {@code POST /_emulator/flush}; no authentication, no secrets. */
final class Inspection {

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
                exchange.reply(Reply.json(200, AwsJson.bytes(log.snapshot()), Map.of()));
            } else if (path.equals("/_emulator/flush") && method.equals("POST")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("files", flush.get().stream().map(Path::toString).toList());
                exchange.reply(Reply.json(200, AwsJson.bytes(out), Map.of()));
            } else {
                exchange.reply(Reply.json(
                        404,
                        AwsJson.object()
                                .put(
                                        "message",
                                        "unknown emulator endpoint " + method + " " + path
                                                + " (GET /_emulator/calls, POST /_emulator/flush)")));
            }
        } catch (RuntimeException e) {
            exchange.reply(Reply.json(
                    500,
                    AwsJson.object()
                            .put("message", "flush failed: " + e.getClass().getSimpleName())));
        }
    }
}
