package org.wifionboarding.hub.mapping.generic;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;

/** The hub's own documented contract ({@code schemas/generic.json}), also what a Zapier or Make zap sends. */
public final class GenericMapper implements BookingSourceMapper {

    @Override
    public String source() {
        return "generic";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return Optional.ofNullable(text(payload, "/eventId"));
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode enrichment) {
        String occurredAt = required(payload, "/occurredAt");
        Instant occurred;
        try {
            occurred = OffsetDateTime.parse(occurredAt).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidBookingException("occurredAt", "is not an ISO-8601 instant");
        }
        Guest guest = new Guest(text(payload, "/guest/id"), required(payload, "/guest/name"),
                text(payload, "/guest/email"), text(payload, "/guest/phone"), text(payload, "/guest/language"),
                text(payload, "/guest/preferredChannel"));
        if (guest.email() == null && guest.phone() == null) {
            throw new InvalidBookingException("guest", "needs an email or a phone");
        }
        return List.of(new BookingEvent(hubEventId, source(), required(payload, "/eventId"),
                type(required(payload, "/type")), occurred, occurred.toString(), required(payload, "/venueId"),
                required(payload, "/bookingId"), kind(text(payload, "/kind")), required(payload, "/arrival"),
                required(payload, "/departure"), text(payload, "/room"), guest));
    }

    private static EventType type(String type) {
        try {
            return EventType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidBookingException("type", "is not one of confirmed, modified, checked_in, checked_out, cancelled");
        }
    }

    private static BookingKind kind(String kind) {
        return "event_registration".equalsIgnoreCase(kind) ? BookingKind.EVENT_REGISTRATION : BookingKind.STAY;
    }
}
