package io.zuoxi.core.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.json.JsonObject;

/**
 * Records ↔ JSON objects for the event bus. JSON (not local codecs) so that the same messages
 * cross a clustered bus unchanged. Instants are ISO-8601 strings, durations ISO-8601 too.
 */
public final class BusJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BusJson() {
    }

    public static JsonObject encode(Object value) {
        try {
            return new JsonObject(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Decodes; throws {@link IllegalArgumentException} with a readable message on bad input. */
    public static <T> T decode(JsonObject json, Class<T> type) {
        try {
            return MAPPER.readValue(json.encode(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
