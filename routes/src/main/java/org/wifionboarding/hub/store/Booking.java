package org.wifionboarding.hub.store;

import java.time.Instant;

/** One row of {@code booking}: a booking's credential, its delivery and its provisioning. Mutable while a transaction applies an event. */
public final class Booking {
    public String source;
    public String bookingId;
    public String venueId;
    public String kind;
    /** {@code radius-account}, {@code psk} or {@code voucher}, fixed when the booking is made */
    public String credentialKind = "radius-account";
    /** {@code on-confirm}, {@code on-check-in} or {@code on-first-use}, fixed when the booking is made */
    public String activation = "on-confirm";
    /** the provisioning target the credential lives on */
    public String target = "radius-sql";
    /** the target's id for the credential */
    public String targetRef;
    public CredentialState state;
    public String sourceVersion;
    public Instant validFrom;
    public Instant validUntil;
    public String username;
    public byte[] passphraseEnc;
    public byte[] guestEnc;
    public String deliveryChannel;
    public DeliveryState deliveryState;
    public int deliveryToken;
    public int deliveryAttempts;
    public Instant deliveryScheduled;
    public Instant deliverySentAt;
    public String deliveryError;
    /** channels still to try, in order, after {@link #deliveryChannel} (comma-separated; empty when none) */
    public String deliveryPlan;
    /** no channel reached the guest: the front desk hands the credential out */
    public boolean frontDesk;
    public Instant resendRequestedAt;
    /** when the current send was claimed: a claim older than the lease belongs to a send a crash interrupted */
    public Instant deliveryClaimedAt;
    /** how often an interrupted send of the current plan was taken over */
    public int deliveryTakeovers;
    /** The room, as the booking system names it (null when it sends none). */
    public String room;
    public String provisioningState;
    public String provisioningError;
    public Instant provisionedAt;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant purgedAt;

    public String key() {
        return ref().toString();
    }

    /** When a credential made but not yet usable starts to work: {@code check-in} for an on-check-in venue, else {@code validFrom}. */
    public String usableFrom() {
        return org.wifionboarding.hub.config.Activation.ON_CHECK_IN.configName().equals(activation) ? "check-in" : String.valueOf(validFrom);
    }

    public org.wifionboarding.hub.BookingRef ref() {
        return org.wifionboarding.hub.BookingRef.of(source, bookingId);
    }
}
