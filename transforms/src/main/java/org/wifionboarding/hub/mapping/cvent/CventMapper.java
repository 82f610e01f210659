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
 * Cvent webhooks: fat messages {@code {eventType, messageTime, messageStub, message: [attendee, ...]}},
 * one credential per attendee ({@code EVENT_REGISTRATION}), valid for the event's dates. The event's
 * local start and end ({@code "2026-05-25 18:00:00.0"}) are read in the zone Cvent names by display name
 * ({@link CventZones}); an unknown name leaves them local, to be read in the venue's zone. Empty strings
 * mean "no data".
 */
public final class CventMapper implements BookingSourceMapper {

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
        long messageTime = payload.path("messageTime").asLong(0);
        if (messageTime <= 0) {
            throw new InvalidBookingException("messageTime", "must be the message's time in epoch milliseconds");
        }
        Instant occurred = Instant.ofEpochMilli(messageTime);
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
            String venue = Optional.ofNullable(text(event, "/eventCode")).orElse(text(event, "/eventStub"));
            events.add(new BookingEvent(hubEventId + ":" + i, source(), messageStub + ":" + bookingId, type, occurred,
                    Long.toString(messageTime), venue == null ? "cvent" : venue, bookingId, BookingKind.EVENT_REGISTRATION,
                    start, end, null, guest));
        }
        return events;
    }

    /**
     * Attendee events only (the name mentions an invitee, guest, attendee or registration): registered →
     * CONFIRMED, modified → MODIFIED, checked in → CHECKED_IN, cancelled → CANCELLED; others say nothing.
     */
    static EventType type(String eventType) {
        if (eventType == null) {
            return null;
        }
        String t = eventType.toLowerCase(Locale.ROOT);
        if (!(t.contains("invitee") || t.contains("guest") || t.contains("attendee") || t.contains("registra"))) {
            return null;   // about the event itself, a session, a survey: nothing for a credential
        }
        if (t.contains("cancel")) {
            return EventType.CANCELLED;
        }
        if (t.contains("checkedin") || t.contains("checkin") || t.contains("checked_in")) {
            return EventType.CHECKED_IN;
        }
        if (t.contains("modif") || t.contains("updated") || t.contains("changed")) {
            return EventType.MODIFIED;
        }
        if (t.contains("regist") || t.contains("created") || t.contains("accepted")) {
            return EventType.CONFIRMED;
        }
        return null;
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
