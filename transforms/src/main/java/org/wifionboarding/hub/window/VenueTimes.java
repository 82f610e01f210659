package org.wifionboarding.hub.window;

import java.time.LocalTime;
import java.time.ZoneId;

/** A venue's clock: its IANA zone and its usual check-in and check-out times. */
public record VenueTimes(ZoneId zone, LocalTime checkIn, LocalTime checkOut) {

    public static final LocalTime DEFAULT_CHECK_IN = LocalTime.of(15, 0);
    public static final LocalTime DEFAULT_CHECK_OUT = LocalTime.of(11, 0);
}
