package org.wifionboarding.hub.model;

/** A hotel stay or a registration for an event (conference, match). */
public enum BookingKind {
    STAY, EVENT_REGISTRATION
}
