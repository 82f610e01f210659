package org.wifionboarding.hub.provision;

import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;

/**
 * Reconciles one credential: reads the booking's desired state from the database (never from the
 * message, which may be late or repeated) and makes the provisioning target match it.
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    public static final String BOOKING_ID = "HubBookingId";

    private final BookingStore store;
    private final ProvisioningTarget target;
    private final AtRestCipher cipher;
    private final Clock clock;

    public Provisioner(BookingStore store, ProvisioningTarget target, AtRestCipher cipher, Clock clock) {
        this.store = store;
        this.target = target;
        this.cipher = cipher;
        this.clock = clock;
    }

    public void reconcile(@Header("HubSource") String source, @Header(BOOKING_ID) String bookingId) {
        Booking booking = store.find(source, bookingId).orElse(null);
        if (booking == null) {
            LOG.warn("provisioning for unknown booking {}:{} skipped", source, bookingId);
            return;
        }
        Instant now = clock.instant();
        boolean live = booking.state.live() && booking.passphraseEnc != null && booking.validUntil.isAfter(now);
        Credential desired = live ? new Credential(cipher.decryptText(booking.passphraseEnc), booking.validFrom, booking.validUntil) : null;
        target.reconcile(booking.username, desired);
        store.provisioningOutcome(source, bookingId, "OK", null, now);
        store.timeline(source, bookingId, null, target.name() + ": " + (live ? "account present until " + booking.validUntil : "account removed"));
        LOG.info("booking {} provisioned to {}: {}", booking.key(), target.name(), live ? "present" : "absent");
    }

    /** Records a failed attempt; the broker retries and finally dead-letters the message. */
    public void failed(org.apache.camel.Exchange exchange) {
        String source = exchange.getMessage().getHeader("HubSource", String.class);
        String bookingId = exchange.getMessage().getHeader(BOOKING_ID, String.class);
        Throwable failure = exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        store.provisioningOutcome(source, bookingId, "FAILED", reason.length() > 500 ? reason.substring(0, 500) : reason, clock.instant());
        store.timeline(source, bookingId, null, target.name() + " failed: " + reason);
    }
}
