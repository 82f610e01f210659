package org.wifionboarding.hub.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.ReviewStore;

/** Forgets guest data and passphrases once a stay ended longer ago than the retention period, and review payloads as old. */
public final class GuestDataPurge {

    private static final Logger LOG = LoggerFactory.getLogger(GuestDataPurge.class);

    private final BookingStore bookings;
    private final ReviewStore review;
    private final Period retention;
    private final Clock clock;

    public GuestDataPurge(BookingStore bookings, ReviewStore review, Period retention, Clock clock) {
        this.bookings = bookings;
        this.review = review;
        this.retention = retention;
        this.clock = clock;
    }

    /** Returns the purged bookings as {@code [source, bookingId]}, so their network accounts are reconciled away. */
    public List<String[]> purge() {
        Instant now = clock.instant();
        Instant cutoff = now.atZone(ZoneOffset.UTC).minus(retention).toInstant();
        List<String[]> purged = bookings.purgeBefore(cutoff, now);
        int payloads = review.purgePayloadsBefore(cutoff);
        if (!purged.isEmpty() || payloads > 0) {
            LOG.info("purge: {} booking(s) and {} review payload(s) older than {} forgotten", purged.size(), payloads, cutoff);
        }
        return purged;
    }
}
