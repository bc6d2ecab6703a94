package dev.tally.emulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.emulator.http.AwsJson;
import java.io.IOException;

/** The Bedrock side's JSON through the emulator's one mapper ({@link AwsJson}), and its parsing rule for request bodies. */
final class Json {
    private Json() {}

    static ObjectNode object() {
        return AwsJson.object();
    }

    /** Parses a request body that must be a JSON object, or answers like Bedrock does. */
    static JsonNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = AwsJson.tree(body);
        } catch (IOException e) {
            throw BedrockError.validation("Malformed input request, please reformat your input and try again.");
        }
        if (node == null || !node.isObject()) {
            throw BedrockError.validation(
                    "Malformed input request: expected a JSON object, please reformat your input and try again.");
        }
        return node;
    }

    static byte[] bytes(JsonNode node) {
        return AwsJson.bytes(node);
    }
}
