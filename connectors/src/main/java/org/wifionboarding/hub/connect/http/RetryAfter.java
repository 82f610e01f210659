package org.wifionboarding.hub.connect.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP {@code Retry-After}: delta-seconds or an HTTP-date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the header asks for, or null when it is absent or unreadable. */
    public static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unparsable) {
                return null;
            }
        }
    }
}
