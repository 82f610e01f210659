package org.wifionboarding.hub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.wifionboarding.hub.model.InvalidBookingException;

/** The project's one Jackson set-up (ISO-8601 times, nulls left out) and small tree readers for mappers. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    /** The text at a JSON pointer, or null when absent, null or an empty string (which several vendors send for "no data"). */
    public static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** The text at a JSON pointer, or an {@link InvalidBookingException} naming the field. */
    public static String required(JsonNode node, String pointer) {
        String text = text(node, pointer);
        if (text == null) {
            throw new InvalidBookingException(pointer.substring(1).replace('/', '.'), "is required");
        }
        return text;
    }
}
