package dev.tally.account.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK request as the JSON body the SDK sends for it, member names as on the wire: read from the
 * request's own field metadata, so {@code --print} shows exactly what the call would carry.
 */
public final class RequestJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RequestJson() {}

    public static String of(SdkPojo request) {
        try {
            return JSON.writeValueAsString(node(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode node(Object value) {
        if (value instanceof SdkPojo pojo) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object v = field.getValueOrDefault(pojo);
                if (v != null && !(v instanceof SdkAutoConstructList<?>) && !(v instanceof SdkAutoConstructMap<?, ?>)) {
                    out.set(field.locationName(), node(v));
                }
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            map.forEach((k, v) -> out.set(String.valueOf(k), node(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            list.forEach(v -> out.add(node(v)));
            return out;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return JSON.valueToTree(value);
        }
        return JsonNodeFactory.instance.textNode(String.valueOf(value));
    }
}
