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
import org.wifionboarding.hub.mapping.Phones;
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
 * Dates are {@code YYYY-MM-DD}: the venue's check-in and check-out times apply. The guest is the entry of
 * {@code guestList} (a map keyed by guest id) marked {@code isMainGuest}, which carries the phones; only the
 * name and email are also at the top level (pms-v1.2-openapi.yaml, {@code GetReservationResponse}).
 * {@code reservation/deleted} cancels the reservation it names without a fetch (a deleted reservation
 * cannot be fetched).
 */
public final class CloudbedsMapper implements BookingSourceMapper {

    static final String DELETED = "reservation/deleted";

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
        if (event.equals(DELETED)) {
            return reservation != null ? Notification.FAT : new Notification(List.of(), 1);
        }
        boolean relevant = event.startsWith("reservation/") || event.startsWith("guest/");
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
        if (DELETED.equals(text(payload, "/event"))) {
            // nothing left to fetch: the reservation is gone, and so is its credential (dates are not needed to revoke)
            String id = reservationId(payload);
            String venue = Optional.ofNullable(text(payload, "/propertyID")).orElse(text(payload, "/propertyID_str"));
            Instant occurred = timestamp(payload);
            return id == null ? List.of() : List.of(new BookingEvent(hubEventId + ":" + id, source(), sourceEventId(payload).orElseThrow(),
                    EventType.CANCELLED, occurred, occurred.toString(), venue == null ? "cloudbeds" : venue, id, BookingKind.STAY,
                    null, null, null, null));
        }
        if (fetched == null) {
            return List.of();
        }
        JsonNode r = fetched.has("data") ? fetched.path("data") : fetched;
        String id = required(r, "/reservationID");
        EventType type = type(text(r, "/status"));
        if (type == null) {
            return List.of();   // not confirmed yet: no credential until it is
        }
        Instant occurred = timestamp(payload);
        // the webhook's own time orders a reservation's changes (dateModified is in an undocumented zone)
        String version = occurred.toString();
        JsonNode main = mainGuest(r);
        String phone = Optional.ofNullable(text(main, "/guestCellPhone")).orElse(text(main, "/guestPhone"));
        Guest guest = new Guest(text(main, "/guestID"), text(r, "/guestName"), Optional.ofNullable(text(r, "/guestEmail")).orElse(text(main, "/guestEmail")),
                phone == null ? null : e164(phone), null, null);
        String venue = Optional.ofNullable(text(r, "/propertyID")).orElse(text(payload, "/propertyID_str"));
        return List.of(new BookingEvent(hubEventId + ":" + id, source(), sourceEventId(payload).orElseThrow(), type, occurred, version,
                venue == null ? "cloudbeds" : venue, id, BookingKind.STAY, required(r, "/startDate"), required(r, "/endDate"), null, guest));
    }

    /** A reservation status (pms-v1.2-openapi.yaml) as an event; null for {@code not_confirmed}, which makes no credential yet. */
    public static EventType type(String status) {
        return switch (Optional.ofNullable(status).orElse("").toLowerCase(Locale.ROOT)) {
            case "confirmed" -> EventType.CONFIRMED;
            case "checked_in" -> EventType.CHECKED_IN;
            case "checked_out" -> EventType.CHECKED_OUT;
            case "canceled", "cancelled", "no_show" -> EventType.CANCELLED;
            case "not_confirmed" -> null;
            default -> throw new InvalidBookingException("status", "is not a Cloudbeds reservation status");
        };
    }

    /** The {@code guestList} entry marked {@code isMainGuest}, else the one whose email is the top-level {@code guestEmail}, else the first. */
    static JsonNode mainGuest(JsonNode reservation) {
        JsonNode list = reservation.path("guestList");
        JsonNode first = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        JsonNode byEmail = first;
        for (java.util.Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode guest = it.next();
            if (guest.path("isMainGuest").asBoolean(false)) {
                return guest;
            }
            if (first.isMissingNode()) {
                first = guest;
            }
            if (byEmail.isMissingNode() && text(guest, "/guestEmail") != null && text(guest, "/guestEmail").equalsIgnoreCase(
                    String.valueOf(text(reservation, "/guestEmail")))) {
                byEmail = guest;
            }
        }
        return byEmail.isMissingNode() ? first : byEmail;
    }

    static String e164(String phone) {
        return Phones.e164(phone);   // typed by people; the hub keeps E.164 only
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
