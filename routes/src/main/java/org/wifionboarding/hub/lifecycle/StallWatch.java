package org.wifionboarding.hub.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.observe.HubMeters;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.BookingStore.Stalled;

/**
 * The stall watch: finds provisioning and deliveries that should have happened {@code hub.recovery.stall-after}
 * ago and have not (their message was lost somewhere), and hands them back to their queue. Every stage is
 * idempotent, so a repeat of work that was only slow does nothing; each recovery is logged (ids only) and counted
 * ({@code hub_stalled_resumed_total}).
 */
public final class StallWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

    private final BookingStore store;
    private final Duration after;
    private final int batch;
    private final Clock clock;
    private final HubMeters meters;

    public StallWatch(BookingStore store, Duration after, int batch, Clock clock, HubMeters meters) {
        this.store = store;
        this.after = after;
        this.batch = batch;
        this.clock = clock;
        this.meters = meters;
    }

    /** Up to a batch of stages that should have been done {@code after} ago and are not, each logged (ids) and counted. */
    public List<Stalled> stalled() {
        List<Stalled> stalled = store.stalledBefore(clock.instant().minus(after), batch);
        if (!stalled.isEmpty()) {
            LOG.warn("{} stalled stage(s) older than {} handed back to their queues: {}", stalled.size(), after,
                    stalled.stream().limit(20).map(s -> s.stage() + " " + BookingRef.of(s.source(), s.bookingId())).toList());
            meters.stalledResumed(stalled.size());
        }
        return stalled;
    }

    /** The message for one stalled stage: provisioning reads the booking; a delivery ticket names its token. */
    public void headers(Exchange exchange) {
        Stalled stalled = exchange.getMessage().getBody(Stalled.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(HubHeaders.STALLED_STAGE, stalled.stage());
        exchange.getMessage().setHeader(HubHeaders.SOURCE, stalled.source());
        exchange.getMessage().setHeader(HubHeaders.BOOKING_ID, stalled.bookingId());
        String ref = BookingRef.of(stalled.source(), stalled.bookingId()).toString();
        exchange.getMessage().setHeader(HubHeaders.GROUP_ID, ref);
        if (Stalled.DELIVER.equals(stalled.stage())) {
            exchange.getMessage().setHeader(HubHeaders.DELIVERY_TOKEN, stalled.deliveryToken());
        }
        exchange.getMessage().setBody(ref);
    }
}
