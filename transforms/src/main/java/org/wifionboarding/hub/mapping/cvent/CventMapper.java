package org.wifionboarding.hub.mapping.cvent;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * Cvent webhooks: fat messages {@code {eventType, messageTime, messageStub, message: [attendee, ...]}}
 * (developers.cvent.com, "Invitee/Guest Event Registration Cancelled" and the other attendee message pages),
 * one credential per attendee ({@code EVENT_REGISTRATION}), valid for the event's dates. {@code messageTime}
 * is an ISO-8601 instant ({@code "2044-04-03T17:14:42.823Z"}) and orders one attendee's messages. The event's
 * local start and end ({@code "2018-05-25 18:00:00.0"}) are read in the zone Cvent names by display name
 * ({@link CventZones}); an unknown name leaves them local, to be read in the venue's zone. Empty strings
 * mean "no data". Which event types mean what is an explicit list ({@link #TYPES}): anything else (emails
 * sent, sessions attended, an abandoned registration) says nothing about access and is counted as ignored.
 */
public final class CventMapper implements BookingSourceMapper {

    /**
     * Attendee event types and what they do. Verified on Cvent's pages: {@code InviteeOrGuestCancelled}; the
     * registration and modification names follow the same pattern (their pages were not in reach when this list
     * was made; the fixtures index, {@code transforms/src/test/resources/fixtures/INDEX.md}, marks the fixtures
     * built on them as constructed).
     */
    static final java.util.Map<String, EventType> TYPES = java.util.Map.of(
            "InviteeOrGuestRegistered", EventType.CONFIRMED,
            "InviteeOrGuestModified", EventType.MODIFIED,
            "InviteeOrGuestCancelled", EventType.CANCELLED,
            "InviteeOrGuestCheckedIn", EventType.CHECKED_IN);

    private static final DateTimeFormatter CVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.S][.SS][.SSS]", Locale.ROOT);

    @Override
    public String source() {
        return "cvent";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return Optional.ofNullable(text(payload, "/messageStub"));
    }

    @Override
    public Notification inspect(JsonNode payload) {
        return type(text(payload, "/eventType")) == null ? new Notification(List.of(), payload.path("message").size()) : Notification.FAT;
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode enrichment) {
        EventType type = type(required(payload, "/eventType"));
        if (type == null) {
            return List.of();   // an event type that says nothing about attendance (counted as ignored)
        }
        String messageTime = required(payload, "/messageTime");
        Instant occurred;
        try {
            occurred = Instant.parse(messageTime);
        } catch (DateTimeException e) {
            throw new InvalidBookingException("messageTime", "is not an ISO-8601 instant like 2044-04-03T17:14:42.823Z");
        }
        String messageStub = required(payload, "/messageStub");
        List<BookingEvent> events = new ArrayList<>();
        JsonNode attendees = payload.path("message");
        for (int i = 0; i < attendees.size(); i++) {
            JsonNode a = attendees.get(i);
            String field = "message[" + i + "]";
            String bookingId = Optional.ofNullable(text(a, "/confirmationNumber")).orElse(text(a, "/contactStub"));
            if (bookingId == null) {
                throw new InvalidBookingException(field + ".confirmationNumber", "is required (or contactStub)");
            }
            JsonNode event = a.path("eventForInvitee");
            Optional<ZoneId> zone = CventZones.zone(text(event, "/eventTimeZoneName"));
            String start = time(event, "eventStartDate", field, zone);
            String end = time(event, "eventEndDate", field, zone);
            String name = String.join(" ", Optional.ofNullable(text(a, "/firstName")).orElse(""),
                    Optional.ofNullable(text(a, "/lastName")).orElse("")).trim();
            String phone = text(a, "/mobilePhone");
            Guest guest = new Guest(text(a, "/contactStub"), name.isEmpty() ? null : name, text(a, "/email"),
                    phone != null && phone.matches("\\+[1-9][0-9]{6,14}") ? phone : null, null, null);
            // the event code names the event (the venue); Cvent puts eventStub on the attendee, not in eventForInvitee
            String venue = Optional.ofNullable(text(event, "/eventCode")).orElse(text(a, "/eventStub"));
            events.add(new BookingEvent(hubEventId + ":" + i, source(), messageStub + ":" + bookingId, type, occurred,
                    occurred.toString(), venue == null ? "cvent" : venue, bookingId, BookingKind.EVENT_REGISTRATION,
                    start, end, null, guest));
        }
        return events;
    }

    /** The event type's meaning for a credential, or null for one that says nothing about access. */
    static EventType type(String eventType) {
        return eventType == null ? null : TYPES.get(eventType.trim());
    }

    private static String time(JsonNode event, String name, String field, Optional<ZoneId> zone) {
        String value = text(event, "/" + name);
        if (value == null) {
            throw new InvalidBookingException(field + ".eventForInvitee." + name, "is required");
        }
        try {
            LocalDateTime local = LocalDateTime.parse(value.trim(), CVENT_TIME);
            return zone.map(z -> local.atZone(z).toInstant().toString()).orElse(local.toString());
        } catch (DateTimeException e) {
            throw new InvalidBookingException(field + ".eventForInvitee." + name, "is not a time like 2026-05-25 18:00:00.0");
        }
    }
}
