package org.wifionboarding.hub.mapping.apaleo;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Apaleo: thin webhooks {@code {topic, type, id, propertyId, timestamp, data: {entityId}}}; reservation
 * events name the reservation the connector fetches ({@code GET /booking/v1/reservations/{id}}). Its
 * {@code status} decides the event (Confirmed, InHouse = checked in, CheckedOut, Canceled and NoShow =
 * cancelled); {@code arrival} and {@code departure} carry the property's offset and are taken as instants.
 * The {@code System/healthcheck} event a new subscription sends is accepted and ignored.
 */
public final class ApaleoMapper implements BookingSourceMapper {

    @Override
    public String source() {
        return "apaleo";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return Optional.ofNullable(text(payload, "/id"));
    }

    @Override
    public Notification inspect(JsonNode payload) {
        String entity = text(payload, "/data/entityId");
        return "Reservation".equalsIgnoreCase(text(payload, "/topic")) && entity != null
                ? new Notification(List.of(entity), 0) : new Notification(List.of(), 1);
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode reservation) {
        if (reservation == null) {
            return List.of();   // the healthcheck, or a topic that is not about reservations
        }
        String id = required(reservation, "/id");
        EventType type = switch (required(reservation, "/status")) {
            case "Confirmed" -> EventType.CONFIRMED;
            case "InHouse" -> EventType.CHECKED_IN;
            case "CheckedOut" -> EventType.CHECKED_OUT;
            case "Canceled", "NoShow" -> EventType.CANCELLED;
            default -> throw new InvalidBookingException("status", "is not one Apaleo documents (Confirmed, InHouse, CheckedOut, Canceled, NoShow)");
        };
        long timestamp = payload.path("timestamp").asLong(0);
        Instant occurred = timestamp > 0 ? Instant.ofEpochMilli(timestamp) : Instant.EPOCH;
        String version = Optional.ofNullable(text(reservation, "/modified")).map(v -> instant(v, "modified").toString()).orElse(occurred.toString());
        JsonNode guest = reservation.path("primaryGuest");
        String name = String.join(" ", Optional.ofNullable(text(guest, "/firstName")).orElse(""),
                Optional.ofNullable(text(guest, "/lastName")).orElse("")).trim();
        String phone = text(guest, "/phone");
        String venue = Optional.ofNullable(text(reservation, "/property/id")).orElse(text(payload, "/propertyId"));
        return List.of(new BookingEvent(hubEventId + ":" + id, source(), required(payload, "/id"), type, occurred, version,
                venue == null ? "apaleo" : venue, id, BookingKind.STAY, instant(required(reservation, "/arrival"), "arrival").toString(),
                instant(required(reservation, "/departure"), "departure").toString(), text(reservation, "/unit/name"),
                new Guest(null, name.isEmpty() ? null : name, text(guest, "/email"),   // booking-v1 GuestModel has no id
                        phone != null && phone.matches("\\+[1-9][0-9]{6,14}") ? phone : null, text(guest, "/preferredLanguage"), null)));
    }

    private static Instant instant(String value, String field) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidBookingException(field, "is not an ISO-8601 time with an offset");
        }
    }
}
