package org.wifionboarding.hub.window;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * When a credential is valid: from arrival at check-in time to departure at check-out time, in the
 * venue's zone, as UTC instants.
 *
 * <p>A boundary is a local date (the venue's check-in or check-out time is applied), a local date-time
 * (read in the venue's zone, never the JVM's) or an instant with an offset (taken as is). A local time
 * that falls in a DST gap moves forward by the gap; one that falls in an overlap takes the earlier
 * offset, so a stay across a DST change keeps its wall-clock times.
 */
public record StayWindow(Instant validFrom, Instant validUntil) {

    public static StayWindow resolve(String arrival, String departure, VenueTimes venue) {
        Instant from = boundary("arrival", arrival, venue.checkIn(), venue);
        Instant until = boundary("departure", departure, venue.checkOut(), venue);
        if (!until.isAfter(from)) {
            throw new InvalidBookingException("departure", "ends at " + until + ", not after the start " + from);
        }
        return new StayWindow(from, until);
    }

    static Instant boundary(String field, String value, LocalTime defaultTime, VenueTimes venue) {
        if (value == null || value.isBlank()) {
            throw new InvalidBookingException(field, "is missing");
        }
        try {
            if (value.length() == 10) {
                return ZonedDateTime.of(LocalDate.parse(value), defaultTime, venue.zone()).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return ZonedDateTime.of(LocalDateTime.parse(value), venue.zone()).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidBookingException(field, "is not a date, a local date-time or an instant: " + e.getMessage());
        }
    }
}
