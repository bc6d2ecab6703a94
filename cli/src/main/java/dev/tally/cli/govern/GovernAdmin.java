package dev.tally.cli.govern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.error.TallyException;
import java.io.IOException;

/** {@code tally budget|limits ... --gateway URL}: the admin API's JSON read back exactly. */
final class GovernAdmin {
    private GovernAdmin() {}

    /** Exact decimals, as written. */
    static JsonNode parse(String json) {
        try {
            return new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(json);
        } catch (IOException e) {
            throw TallyException.failure("the listing is not JSON", e);
        }
    }

    static String plain(JsonNode n) {
        return n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
    }
}
