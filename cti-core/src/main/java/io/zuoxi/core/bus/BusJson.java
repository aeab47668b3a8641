package io.zuoxi.core.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.VertxModule;

import java.util.Map;

/**
 * Records ↔ JSON objects for the event bus. JSON (not local codecs) so that the same messages
 * cross a clustered bus unchanged. Instants are ISO-8601 strings, durations ISO-8601 too.
 */
public final class BusJson {

    /**
     * VertxModule first so that JavaTimeModule's ISO-8601 instants and durations take precedence;
     * VertxModule lets Jackson read a {@link JsonObject} (and nested {@link io.vertx.core.json.JsonArray})
     * directly.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new VertxModule())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private BusJson() {
    }

    /** Record → JSON object, through Jackson's token buffer (no JSON text in between: this is the adapters' hot path). */
    public static JsonObject encode(Object value) {
        try {
            return new JsonObject(MAPPER.convertValue(value, MAP));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Decodes; throws {@link IllegalArgumentException} with a readable message on bad input. */
    public static <T> T decode(JsonObject json, Class<T> type) {
        try {
            return MAPPER.convertValue(json, type);
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("bad " + type.getSimpleName() + ": " + reason, e);
        }
    }
}
