package dev.tally.ledger.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tally.core.io.JsonText;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags columns: a flat JSON object of strings, keys sorted so equal tag sets are equal text (and SQLite's
 * and PostgreSQL's JSON functions can read them in SQL).
 */
public final class TagsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private TagsJson() {}

    public static String write(Map<String, String> tags) {
        return JsonText.object(new TreeMap<>(tags));
    }

    public static Map<String, String> read(String json) {
        Map<String, String> tags = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("tags are not a JSON object: " + json);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                tags.put(name, p.getValueAsString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("tags are not valid JSON: " + json, e);
        }
        return tags;
    }
}
