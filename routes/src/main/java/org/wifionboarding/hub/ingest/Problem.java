package org.wifionboarding.hub.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.wifionboarding.hub.mapping.Json;

/** An RFC 9457 {@code application/problem+json} answer: status, title, detail and, for bad input, each failing field and why. */
public record Problem(int status, String title, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One failing field, named as a dotted path ({@code guest.email}). */
    public record FieldError(String field, String reason) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(status, title, detail, List.of());
    }

    public String toJson() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            ArrayNode list = body.putArray("errors");
            errors.forEach(e -> list.addObject().put("field", e.field()).put("reason", e.reason()));
        }
        return body.toString();
    }

    /** The reason kept with a review item: the title and the failing fields, no values. */
    public String reviewReason() {
        StringBuilder reason = new StringBuilder(title);
        errors.forEach(e -> reason.append("; ").append(e.field()).append(": ").append(e.reason()));
        return reason.toString();
    }
}
