package org.wifionboarding.hub.provision;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.LastAttempt;
import org.wifionboarding.hub.admin.DeviceRegistrations;
import org.wifionboarding.hub.config.Activation;
import org.wifionboarding.hub.config.TargetRegistry;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTarget.Result;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.CredentialState;

/**
 * Reconciles one credential: reads the booking's desired state from the database (never from the
 * message, which may be late or repeated), decides whether it may let the guest in now (the venue's
 * activation policy), and makes the booking's provisioning target match it.
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final BookingStore store;
    private final TargetRegistry targets;
    private final AtRestCipher cipher;
    private final Clock clock;
    private final LastAttempt attempts;

    private org.wifionboarding.hub.observe.HubMeters meters = org.wifionboarding.hub.observe.HubMeters.NONE;

    /** Where provisioning outcomes and durations are counted, per target. */
    public Provisioner meters(org.wifionboarding.hub.observe.HubMeters meters) {
        this.meters = meters;
        return this;
    }

    public Provisioner(BookingStore store, TargetRegistry targets, AtRestCipher cipher, Clock clock, LastAttempt attempts) {
        this.attempts = attempts;
        this.store = store;
        this.targets = targets;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The provisioning stage's reconcile. A target in the hub's own database is reconciled in one transaction holding the
     * booking's row lock: the target's rows and the booking's record of them commit together, and one booking is
     * reconciled by one stage at a time even when the lifecycle stage reconciles it {@linkplain #reconcileHere in its own
     * transaction}.
     *
     * @return what the target now holds
     */
    public Provisioned reconcile(@Header(HubHeaders.SOURCE) String source, @Header(HubHeaders.BOOKING_ID) String bookingId) {
        Booking booking = store.find(source, bookingId).orElse(null);
        if (booking == null) {
            LOG.warn("provisioning for unknown booking {}:{} skipped", source, bookingId);
            return Provisioned.UNKNOWN;
        }
        if (!targets.target(booking.target).inHubDatabase()) {
            return reconcile(booking, clock.instant(), false);
        }
        return store.inTransaction(() -> store.lock(source, bookingId).map(locked -> reconcile(locked, clock.instant(), false))
                .orElse(Provisioned.UNKNOWN));
    }

    /**
     * Reconciles in the caller's transaction, which holds the booking's row lock, when the booking's target can do it there:
     * it keeps its credentials in the hub's database and this change reaches nothing outside it
     * ({@link ProvisioningTarget#staysInHubDatabase}). The lifecycle stage calls it after applying an event, so the
     * credential is on the network when that transaction commits, without a hop through {@code hub.provisioning}.
     *
     * @param booking the booking as the caller's transaction wrote it (not read again)
     * @return what the target now holds, or null when the provisioning stage must do it
     */
    public Provisioned reconcileHere(Booking booking) {
        return reconcile(booking, clock.instant(), true);
    }

    private Provisioned reconcile(Booking booking, Instant now, boolean onlyInDatabase) {
        String source = booking.source;
        String bookingId = booking.bookingId;
        ProvisioningTarget target = targets.target(booking.target);
        CredentialKind kind = CredentialKind.fromConfig(booking.credentialKind);
        Activation activation = Activation.fromConfig(booking.activation);
        boolean live = booking.state.live() && booking.purgedAt == null && booking.validUntil.isAfter(now)
                && (kind == CredentialKind.VOUCHER || booking.passphraseEnc != null);
        boolean usable = live && switch (activation) {
            case ON_CONFIRM -> !now.isBefore(booking.validFrom);
            case ON_CHECK_IN -> booking.state == CredentialState.ACTIVE;
            case ON_FIRST_USE -> true;
        };
        List<String> devices = target.usesDevices(kind) ? DeviceRegistrations.read(cipher, store.devices(source, bookingId)) : List.of();
        Credential desired = !live ? null : new Credential(kind,
                kind == CredentialKind.VOUCHER ? null : cipher.decryptText(booking.passphraseEnc), booking.validFrom, booking.validUntil, usable,
                devices);
        if (onlyInDatabase && !(target.inHubDatabase() && target.staysInHubDatabase(desired))) {
            return null;
        }
        long started = System.nanoTime();
        Result result;
        try {
            result = target.reconcile(new Account(booking.username, booking.targetRef, devices), desired);
        } catch (RuntimeException failed) {
            meters.provisioning(target.name(), failed instanceof org.wifionboarding.hub.connect.TargetRefusedException ? "refused" : "retry",
                    java.time.Duration.ofNanos(System.nanoTime() - started));
            throw failed;
        }
        meters.provisioning(target.name(), "ok", java.time.Duration.ofNanos(System.nanoTime() - started));
        boolean firstCode = kind == CredentialKind.VOUCHER && result.issuedSecret() != null && booking.passphraseEnc == null;
        store.provisioned(source, bookingId, result.reference(), firstCode ? cipher.encryptText(result.issuedSecret()) : null, now);
        String state = !live ? "removed" : usable ? "usable until " + booking.validUntil
                : "made, usable from " + booking.usableFrom();
        store.timeline(source, bookingId, null, target.name() + ": " + kind.configName() + " " + state);
        LOG.info("booking {} provisioned to {}{}: {}", booking.key(), target.name(), onlyInDatabase ? " with its event" : "",
                !live ? "absent" : usable ? "usable" : "not yet usable");
        return !live ? Provisioned.REMOVED : usable ? Provisioned.USABLE : Provisioned.MADE;
    }

    /**
     * Records a failed attempt on the booking: {@code RETRYING} with the vendor's error while the broker tries again
     * (delivery waits), {@code FAILED} on the broker's last attempt (the guest is sent nothing, the front desk is
     * flagged).
     *
     * @param attempt which broker delivery failed (1 when unknown)
     * @return the error as recorded, for the dead letter's {@link HubHeaders#FAILURE}
     */
    public String failed(@Header(HubHeaders.SOURCE) String source, @Header(HubHeaders.BOOKING_ID) String bookingId,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure, @ExchangeProperty(HubHeaders.BROKER_ATTEMPT) Integer attempt) {
        String reason = reason(failure);
        int which = attempt == null ? 1 : attempt;
        boolean last = attempts.isLast(which);
        store.provisioningOutcome(source, bookingId, last ? BookingStore.PROVISIONING_FAILED : BookingStore.PROVISIONING_RETRYING, reason,
                clock.instant());
        store.timeline(source, bookingId, null, "provisioning failed (attempt " + which + (last ? ", the last: dead-lettered; front desk follow-up" : "")
                + "): " + reason);
        LOG.warn("provisioning of booking {}:{} failed (attempt {}{}): {}", source, bookingId, which, last ? ", dead-lettered" : "",
                failure == null ? "unknown" : failure.getClass().getSimpleName());
        return reason;
    }

    /**
     * The target refused the credential for good (a 4xx that says the request is wrong): provisioning ends
     * {@code FAILED} with the vendor's reason at once, the guest is sent nothing, the front desk is flagged, and the
     * route dead-letters the message for replay once the cause is fixed.
     *
     * @return the error as recorded, for the dead letter's {@link HubHeaders#FAILURE}
     */
    public String refused(@Header(HubHeaders.SOURCE) String source, @Header(HubHeaders.BOOKING_ID) String bookingId,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        String reason = reason(failure);
        store.provisioningOutcome(source, bookingId, BookingStore.PROVISIONING_FAILED, reason, clock.instant());
        store.timeline(source, bookingId, null, "provisioning refused for good: " + reason + "; nothing is sent to the guest; front desk follow-up");
        LOG.warn("provisioning of booking {}:{} refused by the target: dead-lettered, front desk flagged", source, bookingId);
        return reason;
    }

    private static String reason(Throwable failure) {
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

}
