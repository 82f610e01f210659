package org.wifionboarding.hub.publish;

/** A subscriber did not take an event (no 2xx, a timeout, or an earlier event of the booking still on its way): tried again later. */
public final class SubscriberUnavailableException extends RuntimeException {

    public SubscriberUnavailableException(String message) {
        super(message, null, false, false);
    }
}
