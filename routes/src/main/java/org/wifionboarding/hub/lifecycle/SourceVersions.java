package org.wifionboarding.hub.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Orders source versions: as instants when both are timestamps, as numbers when both are numbers, else as text. */
public final class SourceVersions {

    private SourceVersions() {
    }

    /** True when {@code candidate} is older than {@code applied}; an unknown version is never stale. */
    public static boolean isOlder(String candidate, String applied) {
        if (candidate == null || applied == null) {
            return false;
        }
        Instant a = instant(candidate);
        Instant b = instant(applied);
        if (a != null && b != null) {
            return a.isBefore(b);
        }
        try {
            return new BigDecimal(candidate).compareTo(new BigDecimal(applied)) < 0;
        } catch (NumberFormatException notNumbers) {
            return candidate.compareTo(applied) < 0;
        }
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
