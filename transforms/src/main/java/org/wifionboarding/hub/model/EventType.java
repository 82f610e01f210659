package org.wifionboarding.hub.model;

/** What happened to a booking, in the hub's words. */
public enum EventType {
    CONFIRMED, MODIFIED, CHECKED_IN, CHECKED_OUT, CANCELLED
}
