package org.wifionboarding.hub.deliver;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.wifionboarding.hub.BookingRef;
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
    public void throttle(@ExchangeProperty(HubHeaders.DELIVERY) DeliveryParts.Ticket ticket, @Header(HubHeaders.CHANNEL) String channel) {
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElse(null);
        if (b != null) {
            channels.throttle(channel, venues.venue(b.venueId));
        }
    }

    /**
     * Claims the send (a lease, see {@link BookingStore#claimDelivery}); the route branches on the answer, and a claim still
     * held elsewhere comes back at {@link #lookAgainAt}.
     */
    public BookingStore.Claim claim(@ExchangeProperty(HubHeaders.DELIVERY) DeliveryParts.Ticket ticket, @Header(HubHeaders.CHANNEL) String channel) {
        Instant now = clock.instant();
        BookingStore.Claim claim = store.claimDelivery(ticket.source(), ticket.bookingId(), ticket.token(), now, claimLease, DeliveryParts.MAX_TAKEOVERS);
        if (claim instanceof BookingStore.Claim.MovedOn) {
            LOG.info("delivery {} of booking {}:{} has nothing to send (booking moved on)", ticket.token(), ticket.source(), ticket.bookingId());
        } else if (claim instanceof BookingStore.Claim.Busy busy) {
            // another consumer holds the send (or held it when its node died): look again when its lease runs out
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

    /** When a message whose send another consumer holds is looked at again (epoch ms): just after that claim's lease ends. */
    public long lookAgainAt(@Body BookingStore.Claim.Busy busy) {
        return busy.until().toEpochMilli() + 100;
    }

    /**
     * A claimed send, ready to go: the attempt row recorded for it, when it was due (for the lag metric), and the notice for
     * its recipient; for a channel that an endpoint sends (email), also the message the endpoint takes as its body.
     */
    public record Prepared(long attempt, Instant due, String channel, DeliveryChannel.Recipient recipient, CredentialNotice notice, Object message) {
    }

    /** For a claimed send: records the attempt and makes the notice (and the message, for a channel an endpoint sends). */
    public Prepared prepare(@ExchangeProperty(HubHeaders.DELIVERY) DeliveryParts.Ticket ticket, @Header(HubHeaders.CHANNEL) String channel)
            throws IOException {
        Instant now = clock.instant();
        long attempt = store.attemptStarted(ticket.source(), ticket.bookingId(), ticket.token(), channel, now);
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElseThrow();
        Guest guest = Json.MAPPER.readValue(cipher.decrypt(b.guestEnc), Guest.class);
        Venue venue = venues.venue(b.venueId);
        CredentialNotice notice = new CredentialNotice(guest.language(), guest.displayName(), venue.name(), venue.ssid(),
                CredentialKind.fromConfig(b.credentialKind), b.username, cipher.decryptText(b.passphraseEnc), b.validFrom, b.validUntil,
                venue.times().zone(), Activation.ON_CHECK_IN.configName().equals(b.activation) && b.state != CredentialState.ACTIVE,
                venue.logoUrl(), venue.supportPhone());
        DeliveryChannel.Recipient recipient = ChannelRegistry.recipient(guest);
        DeliveryChannel provider = channels.channel(channel);
        return new Prepared(attempt, b.deliveryScheduled, channel, recipient, notice,
                provider.endpointUri() != null ? provider.message(recipient, notice) : null);
    }

    /** The message a channel's endpoint sends (email: the MIME message camel-mail takes). */
    public Object message(@ExchangeProperty(HubHeaders.DELIVERY_PREPARED) Prepared prepared) {
        return prepared.message();
    }

    /** A channel that sends by itself (SMS, push): hands the notice to the provider. */
    public DeliveryChannel.Sent send(@ExchangeProperty(HubHeaders.DELIVERY_PREPARED) Prepared prepared) {
        // a provider that reports back names its own callback
        return channels.channel(prepared.channel()).send(prepared.recipient(), prepared.notice(), null);
    }

    /**
     * Records the send, with the provider's id when it gave one, in one transaction before the message is acknowledged.
     *
     * @return the booking, whose delivery is announced
     */
    public BookingRef sent(@ExchangeProperty(HubHeaders.DELIVERY) DeliveryParts.Ticket t, @ExchangeProperty(HubHeaders.DELIVERY_PREPARED) Prepared prepared,
            @ExchangeProperty(HubHeaders.DELIVERY_SENT) DeliveryChannel.Sent sent) {
        Instant now = clock.instant();
        String channel = prepared.channel();
        // one transaction: nobody reads the attempt SENT while the delivery still says SENDING
        store.inTransaction(() -> {
            store.attemptOutcome(prepared.attempt(), sent == null ? null : sent.providerId(), "SENT", null, now);
            store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.SENT, null, now);
            store.timeline(t.source(), t.bookingId(), null, "credential sent by " + channel
                    + (sent != null && sent.providerId() != null ? " (provider id " + sent.providerId() + ")" : ""));
            return null;
        });
        meters.delivery(channel, "sent", prepared.due() == null ? null : java.time.Duration.between(prepared.due(), now));
        LOG.info("credential of booking {}:{} handed over for {}", t.source(), t.bookingId(), channel);
        return BookingRef.of(t.source(), t.bookingId());
    }
}
