package org.wifionboarding.hub.deliver;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * The fallback to the next channel of a booking's plan, when a channel refused for good (or its provider reported the
 * message undelivered): a new delivery on the next channel, or, when none is left, FAILED and the front desk flagged.
 */
final class Fallback {

    private static final Logger LOG = LoggerFactory.getLogger(Fallback.class);

    private final BookingStore store;
    private final Clock clock;

    Fallback(DeliveryParts parts) {
        this.store = parts.store();
        this.clock = parts.clock();
    }

    /** What a refusal leads to. */
    sealed interface Step {

        /** A new delivery on the plan's next channel, due now. */
        record Next(DeliveryParts.Ticket ticket, String channel) implements Step {
        }

        /** No channel left (or no live credential): FAILED, the front desk flagged. */
        record FrontDesk() implements Step {
        }

        /** The booking moved on meanwhile (another delivery, another state): nothing to do. */
        record MovedOn() implements Step {
        }
    }

    /** Applies the fallback and readies the message: to {@code hub.delivery} for a next channel, else for the front desk's count. */
    void next(Exchange exchange, DeliveryParts.Ticket t, String reason, DeliveryState expected) {
        Step step = decide(t, reason, expected);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(org.wifionboarding.hub.BookingRef.of(t.source(), t.bookingId()).toString());
        if (step instanceof Step.FrontDesk) {
            exchange.setProperty(HubHeaders.DELIVERY_FRONT_DESK, true);
            LOG.warn("no channel reached booking {}:{}: flagged for the front desk", t.source(), t.bookingId());
        } else if (step instanceof Step.Next next) {
            exchange.setProperty(HubHeaders.DELIVERY_NEXT, true);
            exchange.getMessage().setHeader(HubHeaders.SOURCE, next.ticket().source());
            exchange.getMessage().setHeader(HubHeaders.BOOKING_ID, next.ticket().bookingId());
            exchange.getMessage().setHeader(HubHeaders.DELIVERY_TOKEN, next.ticket().token());
            LOG.info("delivery of booking {}:{} falls back to the next channel", t.source(), t.bookingId());
        }
    }

    /**
     * The delivery {@code t}, in state {@code expected}, was refused for good on its channel: the plan's next channel
     * gets a new delivery, due now; with none left the delivery ends FAILED with the reason and the front desk is flagged.
     */
    Step decide(DeliveryParts.Ticket t, String reason, DeliveryState expected) {
        Instant now = clock.instant();
        return store.inTransaction(() -> {
            Booking b = store.lock(t.source(), t.bookingId()).orElse(null);
            if (b == null || b.deliveryToken != t.token() || b.deliveryState != expected) {
                return new Step.MovedOn();
            }
            String failed = b.deliveryChannel;
            List<String> rest = b.deliveryPlan == null || b.deliveryPlan.isBlank() ? List.of() : Arrays.asList(b.deliveryPlan.split(","));
            b.deliveryToken++;
            b.deliveryAttempts = 0;
            b.deliveryTakeovers = 0;
            b.deliveryClaimedAt = null;
            b.updatedAt = now;
            b.deliveryError = failed + ": " + reason;
            if (rest.isEmpty() || !b.state.live()) {
                b.deliveryState = DeliveryState.FAILED;
                b.frontDesk = true;
                store.update(b);
                store.timeline(b.source, b.bookingId, null, failed + " refused for good (" + reason + "); no channel left: front desk follow-up");
                return new Step.FrontDesk();
            }
            b.deliveryChannel = rest.get(0);
            b.deliveryPlan = String.join(",", rest.subList(1, rest.size()));
            b.deliveryState = DeliveryState.SCHEDULED;
            b.deliveryScheduled = now;
            store.update(b);
            store.timeline(b.source, b.bookingId, null, failed + " refused for good (" + reason + "); falling back to " + b.deliveryChannel);
            return new Step.Next(new DeliveryParts.Ticket(b.source, b.bookingId, b.deliveryToken), b.deliveryChannel);
        });
    }
}
