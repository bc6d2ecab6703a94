package dev.tally.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.io.JsonWriter;
import dev.tally.ledger.ApiKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A key as JSON, the one shape {@code tally keys list --format json} prints and the admin API answers:
 * {@code {"id", "user", "tags", "created", "expires"?, "revoked"?, "last_used"?}}, never the key itself.
 */
public final class KeysJson {
    private KeysJson() {}

    public static String of(List<ApiKey> keys) {
        JsonWriter w = JsonWriter.pretty().beginArray();
        keys.forEach(k -> write(w, k));
        return w.endArray().toString();
    }

    public static String of(ApiKey key) {
        JsonWriter w = JsonWriter.pretty();
        write(w, key);
        return w.toString();
    }

    static void write(JsonWriter w, ApiKey k) {
        w.beginObject().name("id").value(k.id()).name("user").value(k.user());
        w.name("tags").beginObject();
        new TreeMap<>(k.tags()).forEach((name, value) -> w.name(name).value(value));
        w.endObject();
        w.name("created").value(k.created().toString());
        optional(w, "expires", k.expires());
        optional(w, "revoked", k.revoked());
        optional(w, "last_used", k.lastUsed());
        w.endObject();
    }

    /** Reads {@link #of(List)}'s array (or one key's object) back, for the CLI's table. */
    public static List<ApiKey> parse(JsonNode json) {
        List<ApiKey> keys = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(k -> keys.add(key(k)));
        } else {
            keys.add(key(json));
        }
        return keys;
    }

    private static ApiKey key(JsonNode k) {
        Map<String, String> tags = new LinkedHashMap<>();
        k.path("tags")
                .properties()
                .forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new ApiKey(
                k.path("id").asText(),
                k.path("user").asText(),
                tags,
                Instant.parse(k.path("created").asText()),
                instant(k, "expires"),
                instant(k, "revoked"),
                instant(k, "last_used"));
    }

    private static Optional<Instant> instant(JsonNode k, String name) {
        return k.hasNonNull(name) ? Optional.of(Instant.parse(k.path(name).asText())) : Optional.empty();
    }

    private static void optional(JsonWriter w, String name, Optional<Instant> value) {
        if (value.isPresent()) {
            w.name(name).value(value.get().toString());
        }
    }
}
