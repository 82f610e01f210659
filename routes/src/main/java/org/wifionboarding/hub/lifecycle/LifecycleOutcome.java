package org.wifionboarding.hub.lifecycle;

import java.time.Instant;
import org.wifionboarding.hub.store.Booking;

/**
 * What the lifecycle route sends on after applying an event: "credential X changed" to provisioning
 * now, unless it was already reconciled in the event's transaction ({@code provisioned}: what the target then held,
 * {@code usable}, {@code made} or {@code removed}; null when not), and again at {@code activateAt} (null for none) when
 * the credential starts to work later; and a delivery due at {@code deliverAt} (null for none) carrying {@code deliveryToken}.
 * {@code booking} is the row as the event's transaction wrote it (null when not known), so that what follows in the same
 * stage (the reconcile in that transaction, the announcement) does not read it again.
 */
public record LifecycleOutcome(String source, String bookingId, boolean provision, Instant deliverAt, int deliveryToken, Instant activateAt,
                               boolean frontDesk, String eventType, String provisioned, Booking booking) {

    public LifecycleOutcome(String source, String bookingId, boolean provision, Instant deliverAt, int deliveryToken, Instant activateAt) {
        this(source, bookingId, provision, deliverAt, deliveryToken, activateAt, false, null, null, null);
    }

    public LifecycleOutcome(String source, String bookingId, boolean provision, Instant deliverAt, int deliveryToken, Instant activateAt,
                            boolean frontDesk) {
        this(source, bookingId, provision, deliverAt, deliveryToken, activateAt, frontDesk, null, null, null);
    }

    /** The same outcome, naming the type of the event applied ({@code CONFIRMED}, ...): what the lifecycle stage announces. */
    public LifecycleOutcome ofEvent(String type) {
        return new LifecycleOutcome(source, bookingId, provision, deliverAt, deliveryToken, activateAt, frontDesk, type, provisioned, booking);
    }

    /** The same outcome, the credential reconciled in the event's transaction, leaving it {@code held} on the target. */
    public LifecycleOutcome provisionedHere(String held) {
        return new LifecycleOutcome(source, bookingId, provision, deliverAt, deliveryToken, activateAt, frontDesk, eventType, held, booking);
    }

    /** The same outcome, with the booking as the event's transaction left it. */
    public LifecycleOutcome of(Booking applied) {
        return new LifecycleOutcome(source, bookingId, provision, deliverAt, deliveryToken, activateAt, frontDesk, eventType, provisioned, applied);
    }

    /** Whether the provisioning stage must reconcile the credential now (it changed and was not reconciled with the event). */
    public boolean sendProvisioning() {
        return provision && provisioned == null;
    }

    /**
     * What the lifecycle stage announces ({@code org.wifionboarding.hub.publish.Announcements}): the event applied and, when
     * the credential was reconciled with it, what the provisioning stage would have announced.
     */
    public String announce() {
        String applied = org.wifionboarding.hub.Announce.APPLIED + eventType;
        return provisioned == null ? applied : applied + org.wifionboarding.hub.Announce.AND + org.wifionboarding.hub.Announce.PROVISIONED + provisioned;
    }

    public static LifecycleOutcome nothing(String source, String bookingId) {
        return new LifecycleOutcome(source, bookingId, false, null, 0, null);
    }

    /** The same outcome, noting that no channel can reach the guest (counted in metrics). */
    public LifecycleOutcome withFrontDesk(boolean flagged) {
        return new LifecycleOutcome(source, bookingId, provision, deliverAt, deliveryToken, activateAt, flagged, eventType, provisioned, booking);
    }

    public boolean deliver() {
        return deliverAt != null;
    }

    public boolean activateLater() {
        return provision && activateAt != null;
    }

    /** Milliseconds since the epoch, for Artemis' {@code _AMQ_SCHED_DELIVERY}. */
    public long deliverAtMillis() {
        return deliverAt == null ? 0 : deliverAt.toEpochMilli();
    }

    public long activateAtMillis() {
        return activateAt == null ? 0 : activateAt.toEpochMilli();
    }

    public String bookingKey() {
        return org.wifionboarding.hub.BookingRef.of(source, bookingId).toString();
    }
}
