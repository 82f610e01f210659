package org.wifionboarding.hub.publish;

import java.util.Arrays;
import java.util.Optional;

/** The lifecycle events the hub publishes, by the names subscribers see ({@code type} in the payload). */
public enum EventType {
    BOOKING_CONFIRMED("booking.confirmed"),
    CREDENTIAL_USABLE("credential.usable"),
    CREDENTIAL_DELIVERED("credential.delivered"),
    CREDENTIAL_DELIVERY_FAILED("credential.delivery_failed"),
    GUEST_FIRST_CONNECTED("guest.first_connected"),
    BOOKING_CHECKED_OUT("booking.checked_out"),
    BOOKING_CANCELLED("booking.cancelled"),
    CREDENTIAL_REVOKED("credential.revoked");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
