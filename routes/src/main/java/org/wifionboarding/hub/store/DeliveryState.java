package org.wifionboarding.hub.store;

/** Where the guest's message is: waiting for its time, being sent, sent, given up, or called off. */
public enum DeliveryState {
    SCHEDULED, SENDING, SENT, FAILED, CANCELLED
}
