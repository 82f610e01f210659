package org.wifionboarding.hub.deliver;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.Activation;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.connect.email.CredentialNotice;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.observe.HubMeters;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.CredentialState;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * {@code hub.delivery.<channel>}: waits for the channel's rate (per provider account and per venue, shared by every
 * node), claims the send (one consumer, once), records an attempt, makes the message, sends it, and records the
 * provider's id before the message is acknowledged.
 */
public final class ChannelSend {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSend.class);

    private final BookingStore store;
    private final VenueDirectory venues;
    private final ChannelRegistry channels;
    private final AtRestCipher cipher;
    private final Clock clock;
    private final HubMeters meters;
    private final Duration claimLease;

    public ChannelSend(DeliveryParts parts, Duration claimLease) {
        this.store = parts.store();
        this.venues = parts.venues();
        this.channels = parts.channels();
        this.cipher = parts.cipher();
        this.clock = parts.clock();
        this.meters = parts.meters();
        this.claimLease = claimLease;
    }

    /** Waits for the channel's rate, for the provider account and for the booking's venue. */
    public void throttle(Exchange exchange) {
        DeliveryParts.Ticket ticket = DeliveryParts.ticket(exchange);
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElse(null);
        if (b != null) {
            channels.throttle(channel, venues.venue(b.venueId));
        }
    }

    /**
     * Claims the send (a lease, see {@link BookingStore#claimDelivery}); the route branches on the answer. A claim
     * still held elsewhere leaves {@code _AMQ_SCHED_DELIVERY} set to when its lease runs out.
     */
    public BookingStore.Claim claim(Exchange exchange) {
        DeliveryParts.Ticket ticket = DeliveryParts.ticket(exchange);
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        exchange.setProperty(HubHeaders.DELIVERY, ticket);
        Instant now = clock.instant();
        BookingStore.Claim claim = store.claimDelivery(ticket.source(), ticket.bookingId(), ticket.token(), now, claimLease, DeliveryParts.MAX_TAKEOVERS);
        exchange.setProperty(HubHeaders.DELIVERY_CLAIMED, claim instanceof BookingStore.Claim.Claimed);
        if (claim instanceof BookingStore.Claim.MovedOn) {
            LOG.info("delivery {} of booking {}:{} has nothing to send (booking moved on)", ticket.token(), ticket.source(), ticket.bookingId());
        } else if (claim instanceof BookingStore.Claim.Busy busy) {
            // another consumer holds the send (or held it when its node died): look again when its lease runs out
            exchange.getMessage().removeHeaders("JMS*");
            exchange.getMessage().setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, busy.until().toEpochMilli() + 100);
            LOG.info("delivery {} of booking {}:{} is being sent elsewhere; looked at again at {}", ticket.token(), ticket.source(),
                    ticket.bookingId(), busy.until());
        } else if (claim instanceof BookingStore.Claim.GivenUp givenUp) {
            store.timeline(ticket.source(), ticket.bookingId(), null, "delivery given up (" + givenUp.reason() + ")");
            LOG.warn("delivery of booking {}:{} was interrupted too often: flagged for the front desk", ticket.source(), ticket.bookingId());
        } else if (claim instanceof BookingStore.Claim.Claimed claimed && claimed.takeover()) {
            store.timeline(ticket.source(), ticket.bookingId(), null, "an interrupted send by " + channel + " is tried again");
            LOG.warn("delivery {} of booking {}:{}: an interrupted send is taken over (it may reach the guest twice)", ticket.token(),
                    ticket.source(), ticket.bookingId());
        }
        return claim;
    }

    /**
     * For a claimed send: records the attempt and makes the notice (in properties); for a channel that an endpoint sends
     * (email), the message the endpoint takes as the body.
     */
    public void prepare(Exchange exchange) throws IOException {
        DeliveryParts.Ticket ticket = exchange.getProperty(HubHeaders.DELIVERY, DeliveryParts.Ticket.class);
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        exchange.getMessage().removeHeaders("*");
        Instant now = clock.instant();
        exchange.setProperty(HubHeaders.DELIVERY_ATTEMPT, store.attemptStarted(ticket.source(), ticket.bookingId(), ticket.token(), channel, now));
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElseThrow();
        if (b.deliveryScheduled != null) {
            exchange.setProperty(HubHeaders.DELIVERY_DUE, b.deliveryScheduled);
        }
        Guest guest = Json.MAPPER.readValue(cipher.decrypt(b.guestEnc), Guest.class);
        Venue venue = venues.venue(b.venueId);
        CredentialNotice notice = new CredentialNotice(guest.language(), guest.displayName(), venue.name(), venue.ssid(),
                CredentialKind.fromConfig(b.credentialKind), b.username, cipher.decryptText(b.passphraseEnc), b.validFrom, b.validUntil,
                venue.times().zone(), Activation.ON_CHECK_IN.configName().equals(b.activation) && b.state != CredentialState.ACTIVE,
                venue.logoUrl(), venue.supportPhone());
        DeliveryChannel.Recipient recipient = ChannelRegistry.recipient(guest);
        exchange.setProperty(HubHeaders.CHANNEL, channel);
        DeliveryChannel provider = channels.channel(channel);
        if (provider.endpointUri() != null) {
            exchange.getMessage().setBody(provider.message(recipient, notice));
        } else {
            exchange.setProperty(HubHeaders.DELIVERY_NOTICE, notice);
            exchange.setProperty(HubHeaders.DELIVERY_RECIPIENT, recipient);
        }
    }

    /** A channel that sends by itself (SMS, push): hands the notice to the provider. */
    public void send(Exchange exchange) {
        DeliveryChannel channel = channels.channel(exchange.getProperty(HubHeaders.CHANNEL, String.class));
        DeliveryChannel.Sent sent = channel.send(exchange.getProperty(HubHeaders.DELIVERY_RECIPIENT, DeliveryChannel.Recipient.class),
                exchange.getProperty(HubHeaders.DELIVERY_NOTICE, CredentialNotice.class), null);   // a provider that reports back names its own callback
        exchange.setProperty(HubHeaders.DELIVERY_SENT, sent);
    }

    /** Records the send, with the provider's id, before the message is acknowledged. */
    public void sent(Exchange exchange) {
        DeliveryParts.Ticket t = exchange.getProperty(HubHeaders.DELIVERY, DeliveryParts.Ticket.class);
        DeliveryChannel.Sent sent = exchange.getProperty(HubHeaders.DELIVERY_SENT, DeliveryChannel.Sent.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        Instant now = clock.instant();
        String channel = exchange.getProperty(HubHeaders.CHANNEL, String.class);
        Long attempt = exchange.getProperty(HubHeaders.DELIVERY_ATTEMPT, Long.class);
        // one transaction: nobody reads the attempt SENT while the delivery still says SENDING
        store.inTransaction(() -> {
            store.attemptOutcome(attempt, sent == null ? null : sent.providerId(), "SENT", null, now);
            store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.SENT, null, now);
            store.timeline(t.source(), t.bookingId(), null, "credential sent by " + channel
                    + (sent != null && sent.providerId() != null ? " (provider id " + sent.providerId() + ")" : ""));
            return null;
        });
        Instant due = exchange.getProperty(HubHeaders.DELIVERY_DUE, Instant.class);
        meters.delivery(channel, "sent", due == null ? null : java.time.Duration.between(due, now));
        LOG.info("credential of booking {}:{} handed over for {}", t.source(), t.bookingId(), channel);
    }
}
