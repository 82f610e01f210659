package org.wifionboarding.hub.model;

import java.time.Instant;

/**
 * The canonical booking event every source is mapped to.
 *
 * @param eventId hub-assigned, unique per canonical event
 * @param sourceVersion a value from the source that sorts in the order the source changed the booking
 * @param arrival a local date ({@code 2026-03-28}), a local date-time ({@code 2026-03-28T14:00}) read
 *                in the venue's zone, or a UTC instant ({@code 2026-03-28T13:00:00Z}); see {@link
 *                org.wifionboarding.hub.window.StayWindow}
 * @param departure same forms as {@code arrival}
 */
public record BookingEvent(String eventId, String source, String sourceEventId, EventType type,
                           Instant occurredAt, String sourceVersion, String venueId, String bookingId,
                           BookingKind kind, String arrival, String departure, String room, Guest guest) {

    /** Ids become database keys, log fields and vendor API parameters: no control characters (a NUL poisons PostgreSQL). */
    public BookingEvent {
        requirePrintable("bookingId", bookingId);
        requirePrintable("venueId", venueId);
        requirePrintable("sourceEventId", sourceEventId);
        requirePrintable("room", room);
        if (bookingId == null || bookingId.isBlank()) {
            throw new InvalidBookingException("bookingId", "is required");
        }
    }

    /** Refuses a value with a control character (C0, DEL or C1), naming the field. */
    public static void requirePrintable(String field, String value) {
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
            throw new InvalidBookingException(field, "contains a control character");
        }
    }

    public BookingEvent withVenueId(String venue) {
        return new BookingEvent(eventId, source, sourceEventId, type, occurredAt, sourceVersion, venue,
                bookingId, kind, arrival, departure, room, guest);
    }

    /** The key that orders a booking's events: JMSXGroupID and the booking's primary key. */
    public String bookingKey() {
        return source + ":" + bookingId;
    }
}
