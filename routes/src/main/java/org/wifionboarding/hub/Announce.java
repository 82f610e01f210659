package org.wifionboarding.hub;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.builder.AggregationStrategies;

/**
 * How a stage announces what it did, for the lifecycle events out ({@code publish}): it names what it did in the property
 * {@link HubHeaders#ANNOUNCE} and enriches from {@link #ENDPOINT} with {@link #keepMessage()}, inside its own transaction.
 */
public final class Announce {

    /** Sends the candidate events to {@code hub.lifecycle-events}; needs the headers {@code HubSource} and {@code HubBookingId}. */
    public static final String ENDPOINT = "direct:announce";

    /** The provisioning stage made the target match: {@code usable}, {@code made} (not yet usable) or {@code removed} follows. */
    public static final String PROVISIONED = "provisioned:";
    /** A channel handed the credential over. */
    public static final String DELIVERED = "delivered";
    /** No channel can reach the guest: the front desk is flagged. */
    public static final String DELIVERY_FAILED = "delivery-failed";
    /** RADIUS accounting shows the guest connected; the instant follows. */
    public static final String FIRST_CONNECTED = "first-connected:";
    /** The lifecycle stage applied an event; its type ({@code CONFIRMED}, {@code CHECKED_OUT}, ...) follows. */
    public static final String APPLIED = "applied:";
    /** Between two things a stage did, announced in that order (an event applied, then its credential provisioned). */
    public static final String AND = ";";

    private Announce() {
    }

    /** The enrichment leaves the stage's message as it was. */
    public static AggregationStrategy keepMessage() {
        return AggregationStrategies.useOriginal();
    }
}
