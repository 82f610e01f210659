package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.mapping.Phones;

/**
 * Reading the JSON bodies of admin and desk requests: an object with known fields only, printable bounded text, an email
 * address as the generic schema takes it, a phone number the hub's way ({@link Phones#e164}). Each refusal is a 400
 * naming the field ({@code guest.phone}) and why.
 */
final class AdminRequests {

    /** As the generic source's schema takes an email address. */
    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private AdminRequests() {
    }

    /** The body as a JSON object holding none but {@code fields}. */
    static JsonNode object(byte[] body, Set<String> fields) {
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw WebhookRejection.invalidField("$", "is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw WebhookRejection.invalidField("$", "must be a JSON object");
        }
        onlyFields(json, fields, "");
        return json;
    }

    /** Refuses a field of {@code object} not in {@code fields}; {@code prefix} names the object ({@code guest.}). */
    static void onlyFields(JsonNode object, Set<String> fields, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw WebhookRejection.invalidField(prefix + name, "is not a field of this request");
            }
        }
    }

    /** A trimmed, printable string of at most {@code maxLength} characters, or null when absent and not required. */
    static String text(JsonNode node, String prefix, String field, boolean required, int maxLength) {
        String name = prefix + field;
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw WebhookRejection.invalidField(name, "is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw WebhookRejection.invalidField(name, "must be a non-empty string");
        }
        String text = value.asText().trim();
        if (text.length() > maxLength) {
            throw WebhookRejection.invalidField(name, "is longer than " + maxLength + " characters");
        }
        if (text.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
            throw WebhookRejection.invalidField(name, "contains a control character");
        }
        return text;
    }

    /** An email address, or null when absent. */
    static String email(JsonNode node, String prefix, String field) {
        String email = text(node, prefix, field, false, 254);
        if (email != null && !email.matches(EMAIL)) {
            throw WebhookRejection.invalidField(prefix + field, "is not an email address");
        }
        return email;
    }

    /** A phone number in E.164 (typed forms such as "+33 6 12 34 56 78" or "0033…" accepted), or null when absent. */
    static String phone(JsonNode node, String prefix, String field) {
        String typed = text(node, prefix, field, false, 32);
        String phone = Phones.e164(typed);
        if (typed != null && phone == null) {
            throw WebhookRejection.invalidField(prefix + field, "is not an international phone number (+ and 7 to 15 digits)");
        }
        return phone;
    }
}
