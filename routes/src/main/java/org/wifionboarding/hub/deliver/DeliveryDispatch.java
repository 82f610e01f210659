package org.wifionboarding.hub.deliver;

import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * {@code hub.delivery}: takes a due message, re-reads the booking and, if it still wants that delivery and the network
 * holds its credential, passes it to the queue of its channel ({@code hub.delivery.email|sms|push}); until the target
 * has confirmed the credential, the delivery waits; once provisioning failed for good, the front desk is flagged.
 */
public final class DeliveryDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatch.class);

    private final BookingStore store;
    private final Clock clock;

    public DeliveryDispatch(DeliveryParts parts) {
        this.store = parts.store();
        this.clock = parts.clock();
    }

    /** What the dispatcher decided for a due message; the route branches on it. */
    public sealed interface Decision {

        /** Pass the message to this channel's queue now. */
        record Send(String channel) implements Decision {
        }

        /** The network does not hold the credential yet: the message comes back at {@code at}, its {@code waits}-th wait. */
        record Wait(Instant at, int waits) implements Decision {
        }

        /** Provisioning failed for good: nothing is sent; {@code flagged} when this message flagged the front desk. */
        record NotProvisioned(boolean flagged) implements Decision {
        }

        /** Cancelled, modified (a new token), ended, or sent already: nothing to send. */
        record MovedOn() implements Decision {
        }
    }

    /**
     * Decides for the message in the exchange, keeps the decision in {@link HubHeaders#DELIVERY_DISPATCH} for the route to
     * branch on, and readies the message for it (the body goes on unchanged).
     */
    public void dispatch(Exchange exchange) {
        DeliveryParts.Ticket ticket = DeliveryParts.ticket(exchange);
        exchange.setProperty(HubHeaders.DELIVERY, ticket);
        Decision decision = decide(ticket, exchange.getMessage().getHeader(HubHeaders.PROVISIONING_WAITS, 0, Integer.class));
        exchange.setProperty(HubHeaders.DELIVERY_DISPATCH, decision);
        if (decision instanceof Decision.Send send) {
            exchange.getMessage().removeHeaders("JMS*");
            exchange.getMessage().setHeader(HubHeaders.CHANNEL, send.channel());
        } else if (decision instanceof Decision.Wait wait) {
            Object group = exchange.getMessage().getHeader(HubHeaders.GROUP_ID);
            exchange.getMessage().removeHeaders("JMS*");
            exchange.getMessage().removeHeader(HubHeaders.ARTEMIS_DUPLICATE_ID);
            if (group != null) {
                exchange.getMessage().setHeader(HubHeaders.GROUP_ID, group);
            }
            exchange.getMessage().setHeader(HubHeaders.PROVISIONING_WAITS, wait.waits());
            exchange.getMessage().setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, wait.at().toEpochMilli());
        }
    }

    /**
     * Re-reads the booking: is this delivery still wanted, and does the network hold its credential? A guest is sent only
     * a credential the network accepts: until the target has confirmed it (and, for a voucher, issued its code), the
     * delivery waits, looking again after 0.25, 0.5, 1, 2 ... 60 s (the lead time is a "not before"); once provisioning
     * has failed for good, nothing is sent and the front desk is flagged (once).
     *
     * @param waits how often this message has waited for provisioning already
     */
    public Decision decide(DeliveryParts.Ticket ticket, int waits) {
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElse(null);
        Instant now = clock.instant();
        // SENDING too: a send whose message was lost with its node (the stall watch hands it back here) goes on to the
        // channel's queue, where the claim takes it over once its lease has run out, or finds it busy and looks again
        boolean wanted = b != null && b.state.live() && b.deliveryToken == ticket.token()
                && (b.deliveryState == DeliveryState.SCHEDULED || b.deliveryState == DeliveryState.SENDING) && b.validUntil.isAfter(now);
        if (!wanted) {
            LOG.info("delivery {} of booking {}:{} has nothing to send (booking moved on)", ticket.token(), ticket.source(), ticket.bookingId());
            return new Decision.MovedOn();
        }
        if (BookingStore.PROVISIONED.equals(b.provisioningState) && (b.passphraseEnc != null || b.purgedAt != null)) {
            return new Decision.Send(b.deliveryChannel);
        }
        if (BookingStore.PROVISIONING_FAILED.equals(b.provisioningState)) {
            String error = "not sent: the credential is not on the network (" + b.provisioningError + ")";
            boolean flagged = store.deliveryFailed(ticket.source(), ticket.bookingId(), ticket.token(), error.length() > 500 ? error.substring(0, 500) : error, now);
            if (flagged) {
                store.timeline(ticket.source(), ticket.bookingId(), null, "delivery not sent: provisioning failed; front desk follow-up");
            }
            LOG.warn("delivery {} of booking {}:{} not sent: provisioning failed; front desk flagged", ticket.token(), ticket.source(), ticket.bookingId());
            return new Decision.NotProvisioned(flagged);
        }
        if (waits == 0) {
            store.timeline(ticket.source(), ticket.bookingId(), null, "delivery waits until the credential is usable on the network");
        }
        LOG.info("delivery {} of booking {}:{} waits for provisioning ({})", ticket.token(), ticket.source(), ticket.bookingId(),
                b.provisioningState == null ? "not yet done" : b.provisioningState);
        return new Decision.Wait(now.plusMillis(Math.min(60_000L, 250L << Math.min(waits, 8))), waits + 1);
    }
}
