package org.wifionboarding.hub.mapping.cloudbeds;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Cloudbeds: thin {@code object/action} webhooks ({@code reservation/created}, {@code reservation/status_changed},
 * {@code reservation/dates_changed}, {@code guest/created}, {@code guest/assigned}, ...). Every one that names a
 * reservation ({@code reservationID} on reservation events, {@code reservationId} on guest events) fetches
 * it ({@code getReservation}) and maps its current state, so events arriving out of order do no harm.
 * Cloudbeds sends no event id: the hub de-duplicates on the content (event, reservation, status, timestamp).
 * Dates are {@code YYYY-MM-DD}: the venue's check-in and check-out times apply.
 */
public final class CloudbedsMapper implements BookingSourceMapper {

    @Override
    public String source() {
        return "cloudbeds";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return Optional.of(String.join("|", String.valueOf(text(payload, "/event")), String.valueOf(reservationId(payload)),
                String.valueOf(text(payload, "/status")), timestampText(payload)));
    }

    @Override
    public Notification inspect(JsonNode payload) {
        String event = Optional.ofNullable(text(payload, "/event")).orElse("");
        String reservation = reservationId(payload);
        boolean relevant = (event.startsWith("reservation/") || event.startsWith("guest/")) && !event.equals("reservation/deleted");
        return relevant && reservation != null ? new Notification(List.of(reservation), 0) : new Notification(List.of(), 1);
    }

    private static String timestampText(JsonNode payload) {
        JsonNode t = payload.path("timestamp");
        return t.isNumber() ? t.decimalValue().stripTrailingZeros().toPlainString() : t.asText("");
    }

    /** Reservation events say {@code reservationID}, guest events {@code reservationId}. */
    static String reservationId(JsonNode payload) {
        return Optional.ofNullable(text(payload, "/reservationID")).orElse(text(payload, "/reservationId"));
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode fetched) {
        if (fetched == null) {
            return List.of();
        }
        JsonNode r = fetched.has("data") ? fetched.path("data") : fetched;
        String id = required(r, "/reservationID");
        EventType type = switch (Optional.ofNullable(text(r, "/status")).orElse("").toLowerCase(Locale.ROOT)) {
            case "confirmed" -> EventType.CONFIRMED;
            case "checked_in" -> EventType.CHECKED_IN;
            case "checked_out" -> EventType.CHECKED_OUT;
            case "canceled", "cancelled", "no_show" -> EventType.CANCELLED;
            case "not_confirmed" -> null;
            default -> throw new InvalidBookingException("status", "is not a Cloudbeds reservation status");
        };
        if (type == null) {
            return List.of();   // not confirmed yet: no credential until it is
        }
        Instant occurred = timestamp(payload);
        // the webhook's own time orders a reservation's changes (dateModified is in an undocumented zone)
        String version = occurred.toString();
        String phone = Optional.ofNullable(text(r, "/guestCellPhone")).orElse(text(r, "/guestPhone"));
        Guest guest = new Guest(Optional.ofNullable(text(r, "/guestID")).orElse(text(r, "/guestId")), text(r, "/guestName"), text(r, "/guestEmail"),
                phone != null && phone.matches("\\+[1-9][0-9]{6,14}") ? phone : null, null, null);
        String venue = Optional.ofNullable(text(r, "/propertyID")).orElse(text(payload, "/propertyID_str"));
        return List.of(new BookingEvent(hubEventId + ":" + id, source(), sourceEventId(payload).orElseThrow(), type, occurred, version,
                venue == null ? "cloudbeds" : venue, id, BookingKind.STAY, required(r, "/startDate"), required(r, "/endDate"), null, guest));
    }

    private static Instant timestamp(JsonNode payload) {
        JsonNode t = payload.path("timestamp");
        if (!t.isNumber()) {
            return Instant.EPOCH;
        }
        BigDecimal seconds = t.decimalValue();
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
}
