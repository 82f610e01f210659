package org.wifionboarding.hub.mapping.opera;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Oracle OPERA Cloud (OHIP) business events, as the hub's poller reads them:
 * {@code {metadata: {offset, uniqueEventId}, moduleName, eventName, primaryKey, hotelId, detail: [...]}}.
 * Reservation events name the reservation ({@code primaryKey}) the connector fetches; its
 * {@code reservationStatus} decides the event, {@code roomStay.arrivalDate/departureDate} (dates) the window.
 * De-duplicated on {@code uniqueEventId}. Field names follow OHIP's published shapes, which we could not
 * verify against a live property: the mapper reads them tolerantly.
 */
public final class OperaMapper implements BookingSourceMapper {

    static final Set<String> RESERVATION_EVENTS = Set.of("NEW RESERVATION", "UPDATE RESERVATION", "CHECK IN", "CHECK OUT",
            "REVERSE CHECK IN", "REVERSE CHECK OUT", "CANCEL RESERVATION");

    @Override
    public String source() {
        return "opera";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return Optional.ofNullable(text(payload, "/metadata/uniqueEventId"));
    }

    @Override
    public Notification inspect(JsonNode payload) {
        String event = Optional.ofNullable(text(payload, "/eventName")).orElse("").toUpperCase(Locale.ROOT);
        String key = text(payload, "/primaryKey");
        return RESERVATION_EVENTS.contains(event) && key != null ? new Notification(List.of(key), 0) : new Notification(List.of(), 1);
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode fetched) {
        if (fetched == null) {
            return List.of();
        }
        JsonNode r = fetched.at("/reservations/reservation/0");
        if (r.isMissingNode()) {
            r = fetched;
        }
        String id = Optional.ofNullable(text(r, "/reservationIdList/0/id")).orElse(required(payload, "/primaryKey"));
        EventType type = switch (Optional.ofNullable(text(r, "/reservationStatus")).orElse("").toLowerCase(Locale.ROOT)) {
            case "reserved", "new", "due in", "duein" -> EventType.CONFIRMED;
            case "inhouse", "in house", "checkedin", "due out", "dueout" -> EventType.CHECKED_IN;
            case "checkedout", "checked out" -> EventType.CHECKED_OUT;
            case "cancelled", "canceled", "noshow", "no show" -> EventType.CANCELLED;
            default -> throw new InvalidBookingException("reservationStatus", "is not an OPERA reservation status the hub knows");
        };
        JsonNode profile = r.at("/reservationGuests/0/profileInfo/profile");
        String name = String.join(" ", Optional.ofNullable(text(profile, "/customer/personName/0/givenName")).orElse(""),
                Optional.ofNullable(text(profile, "/customer/personName/0/surname")).orElse("")).trim();
        String phone = text(profile, "/telephones/telephoneInfo/0/telephone/phoneNumber");
        Guest guest = new Guest(text(r, "/reservationGuests/0/profileInfo/profileIdList/0/id"), name.isEmpty() ? null : name,
                text(profile, "/emails/emailInfo/0/email/emailAddress"), phone != null && phone.matches("\\+[1-9][0-9]{6,14}") ? phone : null,
                Optional.ofNullable(text(profile, "/customer/language")).map(l -> l.toLowerCase(Locale.ROOT)).orElse(null), null);
        String offset = required(payload, "/metadata/offset");
        String hotel = Optional.ofNullable(text(payload, "/hotelId")).orElse("opera");
        java.time.Instant occurred = Optional.ofNullable(text(payload, "/metadata/createdDateTime")).map(java.time.Instant::parse)
                .orElse(java.time.Instant.EPOCH);
        return List.of(new BookingEvent(hubEventId + ":" + id, source(), required(payload, "/metadata/uniqueEventId"), type, occurred,
                offset, hotel, id, BookingKind.STAY, required(r, "/roomStay/arrivalDate"), required(r, "/roomStay/departureDate"),
                text(r, "/roomStay/roomId"), guest));
    }
}
