package dev.tally.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The emulator's one JSON mapper (every body it reads or writes goes through it; none is concatenated), and
 * AWS's JSON 1.1 protocol as Cost Explorer and Data Exports speak it: {@code POST /} with
 * {@code X-Amz-Target: <prefix>.<Operation>}, a JSON object in, a JSON object out with content type
 * {@code application/x-amz-json-1.1}.
 */
public final class AwsJson {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private AwsJson() {}

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The operation named by {@code X-Amz-Target} when it carries {@code prefix}. */
    public static Optional<String> operation(HttpCall call, String prefix) {
        return call.header("X-Amz-Target")
                .filter(t -> t.startsWith(prefix + "."))
                .map(t -> t.substring(prefix.length() + 1));
    }

    /** The request body as an object; an empty body is an empty object, as the SDKs send for no input. */
    public static ObjectNode body(HttpCall call) {
        if (call.body().length == 0) {
            return object();
        }
        try {
            JsonNode node = JSON.readTree(call.body());
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // answered below, as AWS answers a body it cannot read
        }
        throw new AwsJsonError(400, "SerializationException", "Start of structure or map found where not expected.");
    }

    /** Answers a request body for one operation; unknown operations throw {@link #unknownOperation}. */
    @FunctionalInterface
    public interface Operations {
        ObjectNode answer(String operation, ObjectNode body);
    }

    /**
     * Serves one call of a JSON 1.1 service: reads the operation from {@code X-Amz-Target}, counts it, authenticates
     * the caller, answers the operation, and turns any {@link AwsJsonError} into AWS's error reply.
     */
    public static void serve(
            Exchange exchange,
            String targetPrefix,
            Consumer<String> count,
            Consumer<HttpCall> authenticate,
            Operations operations) {
        String operation = operation(exchange.call(), targetPrefix).orElse("");
        count.accept(operation);
        try {
            authenticate.accept(exchange.call());
            exchange.reply(ok(operations.answer(operation, body(exchange.call()))));
        } catch (AwsJsonError e) {
            exchange.reply(e.reply());
        }
    }

    /** AWS's answer to an operation the service does not have. */
    public static AwsJsonError unknownOperation(String targetPrefix, String operation) {
        return new AwsJsonError(
                400, "UnknownOperationException", "Unknown operation " + targetPrefix + "." + operation);
    }

    public static Reply ok(ObjectNode body) {
        return new Reply(200, CONTENT_TYPE, bytes(body), Map.of());
    }

    /** Any value Jackson can write (a node, a record, a map) as compact JSON. */
    public static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #bytes}, indented: for files a person may open (export manifests). */
    public static byte[] prettyBytes(Object value) {
        try {
            return PRETTY.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses JSON text; the caller answers malformed input in its service's words. */
    public static JsonNode tree(byte[] body) throws IOException {
        return JSON.readTree(body);
    }
}
