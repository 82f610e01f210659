package org.wifionboarding.hub.mapping.eventbrite;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Eventbrite: thin webhooks {@code {config: {action, ...}, api_url}}; the connector fetches what
 * {@code api_url} names (after checking it is the Eventbrite API), as Eventbrite's own SDK does
 * ({@code webhook_to_object}): for {@code order.*} an order with its attendees and event
 * ({@code /v3/orders/{id}/?expand=attendees,event}), for {@code attendee.*} one attendee with its event
 * ({@code /v3/events/{event}/attendees/{id}/?expand=event}). One credential per attendee
 * ({@code EVENT_REGISTRATION}), valid from the event's start to its end ({@code utc} of Eventbrite's
 * {@code {timezone, local, utc}}), revoked when the attendee is cancelled or refunded (the attendee's
 * {@code cancelled} and {@code refunded} flags, Eventbrite's "Attendee" response format).
 * A notification carries no id or time of its own, so it is not de-duplicated: each one fetches the
 * order's current state, which is idempotent.
 */
public final class EventbriteMapper implements BookingSourceMapper {

    static final Set<String> ORDER_ACTIONS = Set.of("order.placed", "order.updated", "order.refunded", "attendee.updated",
            "attendee.checked_in", "attendee.checked_out");

    @Override
    public String source() {
        return "eventbrite";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return Optional.empty();
    }

    @Override
    public boolean deduplicates() {
        return false;
    }

    @Override
    public Notification inspect(JsonNode payload) {
        String action = text(payload, "/config/action");
        String apiUrl = text(payload, "/api_url");
        return action != null && ORDER_ACTIONS.contains(action) && apiUrl != null
                ? new Notification(List.of(apiUrl), 0) : new Notification(List.of(), 1);
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode fetched) {
        if (fetched == null) {
            return List.of();   // "test", event.* and other actions: nothing to fetch
        }
        if (!fetched.has("attendees") && fetched.has("order_id")) {
            return attendee(hubEventId, fetched);   // attendee.updated, attendee.checked_in, attendee.checked_out
        }
        JsonNode order = fetched;
        String orderId = required(order, "/id");
        Instant start = instant(order, "/event/start/utc", "event.start.utc");
        Instant end = instant(order, "/event/end/utc", "event.end.utc");
        String venue = Optional.ofNullable(text(order, "/event/venue_id")).orElse(text(order, "/event/id"));
        String orderChanged = text(order, "/changed");
        List<BookingEvent> events = new ArrayList<>();
        JsonNode attendees = order.path("attendees");
        for (int i = 0; i < attendees.size(); i++) {
            JsonNode a = attendees.get(i);
            String attendeeId = text(a, "/id");
            if (attendeeId == null) {
                throw new InvalidBookingException("attendees[" + i + "].id", "is required");
            }
            EventType type = a.path("cancelled").asBoolean(false) || a.path("refunded").asBoolean(false)
                    || "refunded".equalsIgnoreCase(text(order, "/status")) ? EventType.CANCELLED
                    : a.path("checked_in").asBoolean(false) ? EventType.CHECKED_IN : EventType.CONFIRMED;
            String changed = Optional.ofNullable(text(a, "/changed")).orElse(orderChanged);
            Instant occurred = changed == null ? Instant.EPOCH : instantOf(changed, "attendees[" + i + "].changed");
            String phone = text(a, "/profile/cell_phone");
            Guest guest = new Guest(attendeeId, text(a, "/profile/name"), text(a, "/profile/email"),
                    phone != null && phone.matches("\\+[1-9][0-9]{6,14}") ? phone : null, null, null);
            events.add(new BookingEvent(hubEventId + ":" + attendeeId, source(), orderId + ":" + attendeeId + "@" + changed, type, occurred,
                    changed, venue == null ? "eventbrite" : venue, orderId + "-" + attendeeId, BookingKind.EVENT_REGISTRATION,
                    start.toString(), end.toString(), null, guest));
        }
        return events;
    }

    /** One attendee, fetched with its event: the same credential as when its order was placed (same booking id). */
    private List<BookingEvent> attendee(String hubEventId, JsonNode a) {
        String attendeeId = required(a, "/id");
        String orderId = required(a, "/order_id");
        Instant start = instant(a, "/event/start/utc", "event.start.utc");
        Instant end = instant(a, "/event/end/utc", "event.end.utc");
        String venue = Optional.ofNullable(text(a, "/event/venue_id")).orElse(text(a, "/event_id"));
        EventType type = a.path("cancelled").asBoolean(false) || a.path("refunded").asBoolean(false) ? EventType.CANCELLED
                : a.path("checked_in").asBoolean(false) ? EventType.CHECKED_IN : EventType.CONFIRMED;
        String changed = text(a, "/changed");
        Instant occurred = changed == null ? Instant.EPOCH : instantOf(changed, "changed");
        String phone = text(a, "/profile/cell_phone");
        Guest guest = new Guest(attendeeId, text(a, "/profile/name"), text(a, "/profile/email"),
                phone != null && phone.matches("\\+[1-9][0-9]{6,14}") ? phone : null, null, null);
        return List.of(new BookingEvent(hubEventId + ":" + attendeeId, source(), orderId + ":" + attendeeId + "@" + changed, type, occurred,
                changed, venue == null ? "eventbrite" : venue, orderId + "-" + attendeeId, BookingKind.EVENT_REGISTRATION,
                start.toString(), end.toString(), null, guest));
    }

    private static Instant instant(JsonNode node, String pointer, String field) {
        String value = text(node, pointer);
        if (value == null) {
            throw new InvalidBookingException(field, "is required");
        }
        return instantOf(value, field);
    }

    private static Instant instantOf(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new InvalidBookingException(field, "is not a UTC time like 2026-05-25T22:00:00Z");
        }
    }
}
