package org.wifionboarding.hub;

import java.util.Objects;

/**
 * A booking as the hub names it across stages: the source it came from and the source's booking id. Its text form,
 * {@code source:bookingId}, is the JMS group of the booking's messages (one consumer at a time, in order, on any node)
 * and how logs and the admin API refer to it; source names have no ':' in them, so the first one splits it.
 */
public record BookingRef(String source, String bookingId) {

    public BookingRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(bookingId, "bookingId");
    }

    public static BookingRef of(String source, String bookingId) {
        return new BookingRef(source, bookingId);
    }

    /** The reference written as {@link #toString()}. */
    public static BookingRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a booking reference (source:bookingId): " + text);
        }
        return new BookingRef(text.substring(0, colon), text.substring(colon + 1));
    }

    /** {@code source:bookingId}: the JMS group id of the booking's messages. */
    @Override
    public String toString() {
        return source + ":" + bookingId;
    }
}
