package org.wifionboarding.hub.deliver;

import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.LastAttempt;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.observe.HubMeters;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * A send that failed: a permanent refusal falls back to the next channel of the plan (the front desk when none is
 * left), a transient one is given back for the broker to try again, and the broker's last attempt ends the delivery
 * FAILED for the front desk.
 */
public final class DeliveryFailures {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailures.class);

    private final BookingStore store;
    private final Clock clock;
    private final HubMeters meters;
    private final LastAttempt lastAttempt;
    private final Fallback fallback;
    private final ChannelRegistry channels;

    public DeliveryFailures(DeliveryParts parts) {
        this.store = parts.store();
        this.clock = parts.clock();
        this.meters = parts.meters();
        this.lastAttempt = parts.lastAttempt();
        this.fallback = new Fallback(parts);
        this.channels = parts.channels();
    }

    /** The channel's provider says this guest cannot be reached this way (an SMTP 5xx, an invalid number). */
    public boolean permanent(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DeliveryChannel channel = channels.channel(DeliveryParts.channelOf(exchange));
        return channel == null ? DeliveryChannel.refusedByAnyChannel(failure) : channel.refused(failure);
    }

    /** The channel's own words for a failed send (an SMTP reply code, a provider's error), without personal data. */
    private String reason(Exchange exchange, Throwable failure) {
        DeliveryChannel channel = channels.channel(DeliveryParts.channelOf(exchange));
        return channel == null ? DeliveryChannel.describeForAnyChannel(failure) : channel.describe(failure);
    }

    /** Records a permanent refusal and moves on to the next channel of the plan, or flags the booking for the front desk. */
    public void fallback(Exchange exchange) {
        DeliveryParts.Ticket t = exchange.getProperty(HubHeaders.DELIVERY, DeliveryParts.Ticket.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reason(exchange, failure);
        Long attempt = attempt(exchange);
        if (attempt != null) {
            store.attemptOutcome(attempt, null, "FAILED", reason, clock.instant());
        }
        meters.delivery(DeliveryParts.channelOf(exchange), "refused", null);
        fallback.next(exchange, t, reason, DeliveryState.SENDING);
    }

    /** A transient failure (SMTP 4xx, provider 429/5xx, timeout): give the send back, so it is tried again. */
    public void retryLater(Exchange exchange) {
        DeliveryParts.Ticket t = exchange.getProperty(HubHeaders.DELIVERY, DeliveryParts.Ticket.class);
        if (t == null || !Boolean.TRUE.equals(exchange.getProperty(HubHeaders.DELIVERY_CLAIMED, Boolean.class))) {
            return;
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reason(exchange, failure);
        Instant now = clock.instant();
        Long attempt = attempt(exchange);
        if (attempt != null) {
            store.attemptOutcome(attempt, null, "DEFERRED", reason, now);
        }
        store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.SCHEDULED, reason, now);
        store.timeline(t.source(), t.bookingId(), null, "delivery deferred (" + reason + "), will retry");
    }

    /**
     * The broker's last attempt failed too: the delivery ends FAILED with the reason and the front desk is asked to
     * help; the route then dead-letters the message with the reason ({@code HubFailure}) for replay.
     */
    public void failedForGood(Exchange exchange) {
        DeliveryParts.Ticket t = DeliveryParts.ticket(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reason(exchange, failure);
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        String error = (channel == null ? "delivery" : channel) + ": " + reason + " (gave up after " + lastAttempt.attempt(exchange)
                + " attempts; dead-lettered)";
        error = error.length() > 500 ? error.substring(0, 500) : error;
        Instant now = clock.instant();
        Long attempt = attempt(exchange);
        if (attempt != null) {
            store.attemptOutcome(attempt, null, "FAILED", reason, now);
        }
        if (t.source() != null && store.deliveryFailed(t.source(), t.bookingId(), t.token(), error, now)) {
            store.timeline(t.source(), t.bookingId(), null, "delivery failed for good: " + error + "; front desk follow-up");
        }
        meters.delivery(channel, "failed", null);
        LOG.warn("delivery {} of booking {}:{} failed on the broker's last attempt: dead-lettered, front desk flagged", t.token(), t.source(),
                t.bookingId());
        exchange.getMessage().setHeader(HubHeaders.FAILURE, error);
    }

    /** The attempt row of the send under way, once it was prepared. */
    private static Long attempt(Exchange exchange) {
        ChannelSend.Prepared prepared = exchange.getProperty(HubHeaders.DELIVERY_PREPARED, ChannelSend.Prepared.class);
        return prepared == null ? null : prepared.attempt();
    }
}
