package org.wifionboarding.hub.deliver;

import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.config.Activation;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.connect.email.CredentialNotice;
import org.wifionboarding.hub.connect.email.EmailComposer;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.CredentialState;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * The steps of {@code deliver-email}: when a scheduled delivery fires, re-read the booking and take
 * the send only if it still wants it; compose the email; record what the SMTP server said.
 */
public final class CredentialDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialDelivery.class);
    public static final String SOURCE = "HubSource";
    public static final String BOOKING_ID = "HubBookingId";
    public static final String TOKEN = "HubDeliveryToken";
    static final String CLAIMED = "hubDeliveryClaimed";
    static final String KEY = "hubDelivery";

    private final BookingStore store;
    private final VenueDirectory venues;
    private final AtRestCipher cipher;
    private final EmailComposer composer;
    private final String from;
    private final Clock clock;

    /** Which delivery a message is about. */
    record Ticket(String source, String bookingId, int token) {
    }

    public CredentialDelivery(BookingStore store, VenueDirectory venues, AtRestCipher cipher, EmailComposer composer, String from, Clock clock) {
        this.store = store;
        this.venues = venues;
        this.cipher = cipher;
        this.composer = composer;
        this.from = from;
        this.clock = clock;
    }

    /** Claims the send; on success the message becomes the email (headers To, From, Subject; HTML body with a text alternative). */
    public void claim(Exchange exchange) throws IOException {
        Ticket ticket = new Ticket(exchange.getMessage().getHeader(SOURCE, String.class),
                exchange.getMessage().getHeader(BOOKING_ID, String.class), exchange.getMessage().getHeader(TOKEN, Integer.class));
        boolean redelivered = Boolean.TRUE.equals(exchange.getMessage().getHeader("JMSRedelivered", Boolean.class));
        exchange.getMessage().removeHeaders("*");
        exchange.setProperty(KEY, ticket);
        Booking pending = store.find(ticket.source(), ticket.bookingId()).orElse(null);
        if (pending != null && pending.state.live() && pending.passphraseEnc == null && pending.purgedAt == null) {
            // a voucher whose code the controller has not issued yet: the broker tries again after its back-off
            throw new IllegalStateException("booking " + pending.key() + ": the voucher code is not issued yet");
        }
        boolean claimed = store.claimDelivery(ticket.source(), ticket.bookingId(), ticket.token(), redelivered, clock.instant());
        exchange.setProperty(CLAIMED, claimed);
        if (!claimed) {
            LOG.info("delivery {} of booking {}:{} has nothing to send (booking moved on)", ticket.token(), ticket.source(), ticket.bookingId());
            return;
        }
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElseThrow();
        Guest guest = Json.MAPPER.readValue(cipher.decrypt(b.guestEnc), Guest.class);
        Venue venue = venues.venue(b.venueId);
        EmailComposer.Email email = composer.compose(new CredentialNotice(guest.language(), guest.displayName(), venue.name(),
                venue.ssid(), CredentialKind.fromConfig(b.credentialKind), b.username, cipher.decryptText(b.passphraseEnc), b.validFrom,
                b.validUntil, venue.times().zone(), Activation.ON_CHECK_IN.configName().equals(b.activation) && b.state != CredentialState.ACTIVE));
        exchange.getMessage().setHeader("To", guest.email());
        exchange.getMessage().setHeader("From", from);
        exchange.getMessage().setHeader("Subject", email.subject());
        exchange.getMessage().setHeader("CamelMailAlternativeBody", email.text());
        exchange.getMessage().setBody(email.html());
    }

    public void sent(Exchange exchange) {
        Ticket t = exchange.getProperty(KEY, Ticket.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.SENT, null, clock.instant());
        store.timeline(t.source(), t.bookingId(), null, "credential emailed");
        LOG.info("credential of booking {}:{} handed to the SMTP server", t.source(), t.bookingId());
    }

    public boolean permanent(Exchange exchange) {
        return SmtpReplies.permanent(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    /** An SMTP 5xx: the message will never go through this way; the front desk takes over. */
    public void failedForGood(Exchange exchange) {
        Ticket t = exchange.getProperty(KEY, Ticket.class);
        String reason = SmtpReplies.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.FAILED, reason, clock.instant());
        store.timeline(t.source(), t.bookingId(), null, "email refused for good (" + reason + "): front desk follow-up");
        LOG.warn("SMTP refused the credential message of booking {}:{} for good: {}", t.source(), t.bookingId(), reason);
    }

    /** An SMTP 4xx or a connection failure: give the send back, so the broker's redelivery tries again. */
    public void retryLater(Exchange exchange) {
        Ticket t = exchange.getProperty(KEY, Ticket.class);
        if (t == null || !Boolean.TRUE.equals(exchange.getProperty(CLAIMED, Boolean.class))) {
            return;
        }
        String reason = SmtpReplies.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.SCHEDULED, reason, clock.instant());
        store.timeline(t.source(), t.bookingId(), null, "email deferred (" + reason + "), will retry");
    }
}
