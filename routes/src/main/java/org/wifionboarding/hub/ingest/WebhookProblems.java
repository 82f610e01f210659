package org.wifionboarding.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.model.InvalidBookingException;
import org.wifionboarding.hub.store.ReviewStore;

/**
 * Turns whatever stopped a webhook into an {@code application/problem+json} answer and, for a
 * rejected payload, a review item (reason, source, event id, encrypted payload). A failure that is
 * the hub's, not the sender's (the broker or database is down), answers 503 so the sender retries.
 */
public final class WebhookProblems {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookProblems.class);

    private final ReviewStore review;
    private final SchemaDrift drift;

    private org.wifionboarding.hub.observe.HubMeters meters = org.wifionboarding.hub.observe.HubMeters.NONE;

    /** Where refused webhooks are counted, per source (only a configured source: a name from the URL alone is never a label). */
    public WebhookProblems meters(org.wifionboarding.hub.observe.HubMeters meters) {
        this.meters = meters;
        return this;
    }

    public WebhookProblems(ReviewStore review, SchemaDrift drift) {
        this.review = review;
        this.drift = drift;
    }

    public void answer(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String source = exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class);
        String eventId = exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class);
        Problem problem;
        boolean keep = true;
        if (failure instanceof WebhookRejection rejection) {
            problem = rejection.problem();
            keep = rejection.review();
        } else if (failure instanceof JsonValidationException invalid) {
            problem = new Problem(400, "Invalid event", "the body does not match the " + source + " schema",
                    fieldErrors(invalid.getErrors().stream().sorted(Comparator.comparing(ValidationMessage::toString)).toList()));
        } else if (failure instanceof InvalidBookingException invalid) {
            problem = WebhookIntake.invalidBooking(invalid);
        } else if (failure instanceof JsonProcessingException || failure instanceof org.apache.camel.ValidationException) {
            problem = new Problem(400, "Invalid event", "the body is not well-formed JSON",
                    List.of(new Problem.FieldError("$", "is not JSON")));
        } else if (source == null) {   // an admin request, not a webhook
            LOG.error("request to {} failed at {}: {}", exchange.getFromRouteId(), ourFrame(failure), String.valueOf(failure));
            problem = Problem.of(503, "Service unavailable", "the request could not be completed; retry later");
            keep = false;
        } else {
            LOG.error("event {} from {} could not be stored (at {}): {}", eventId, source, ourFrame(failure), String.valueOf(failure));
            problem = Problem.of(503, "Service unavailable", "the event could not be stored; retry later");
            keep = false;
        }
        if (failure instanceof JsonValidationException || failure instanceof InvalidBookingException
                || failure instanceof JsonProcessingException || failure instanceof org.apache.camel.ValidationException) {
            drift.invalid(source);
        }
        if (keep && source != null) {
            try {
                review.keep(source, senderEventId(exchange, eventId), problem.status(), problem.reviewReason(),
                        exchange.getProperty(HubHeaders.PAYLOAD, byte[].class));
                LOG.info("event {} from {} rejected ({}) and kept for review", eventId, source, problem.status());
            } catch (RuntimeException e) {
                LOG.error("event {} from {} rejected but not kept for review: {}", eventId, source, e.toString());
                problem = Problem.of(503, "Service unavailable", "the rejection could not be recorded; retry later");
            }
        }
        meters.webhook(source, problem.status() >= 500 ? "unavailable" : "refused");
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        exchange.getMessage().setBody(problem.toJson());
    }

    /** Where in the hub's own code a failure arose (the message alone may not say; the whole trace may hold data). */
    private static String ourFrame(Throwable failure) {
        return failure == null ? "?" : java.util.Arrays.stream(failure.getStackTrace())
                .filter(f -> f.getClassName().startsWith("org.wifionboarding")).findFirst().map(StackTraceElement::toString).orElse("?");
    }

    static List<Problem.FieldError> fieldErrors(List<ValidationMessage> messages) {
        return messages.stream().map(m -> {
            String location = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                location = location.isEmpty() ? m.getProperty() : location + "." + m.getProperty();
            }
            String reason = m.getError() != null ? m.getError() : m.getMessage();
            return new Problem.FieldError(location.isEmpty() ? "$" : location, reason);
        }).distinct().toList();
    }

    /**
     * The sender's own id of the event when its body could be read ({@code eventId}, else a top-level {@code id}: what an
     * operator finds in the sender's logs), else the hub's.
     */
    static String senderEventId(org.apache.camel.Exchange exchange, String hubEventId) {
        com.fasterxml.jackson.databind.JsonNode parsed = exchange.getProperty(HubHeaders.PARSED, com.fasterxml.jackson.databind.JsonNode.class);
        if (parsed != null) {
            for (String field : new String[] {"eventId", "id"}) {
                com.fasterxml.jackson.databind.JsonNode value = parsed.get(field);
                if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                    String text = value.asText();
                    return text.length() > 64 ? text.substring(0, 64) : text;   // the column's width
                }
            }
        }
        return hubEventId;
    }
}
