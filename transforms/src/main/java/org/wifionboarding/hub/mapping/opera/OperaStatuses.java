package org.wifionboarding.hub.mapping.opera;

import java.util.Optional;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.InvalidBookingException;

/** OPERA's reservation statuses ({@code rsv.json}, {@code pMS_ResStatusType}: all eleven values) and what each does to a credential. */
public final class OperaStatuses {

    private OperaStatuses() {
    }

    /** The event a status stands for; null for the statuses that make no credential yet (Requested, Waitlisted). */
    public static EventType type(String status) {
        return switch (Optional.ofNullable(status).orElse("")) {
            case "Reserved", "DueIn" -> EventType.CONFIRMED;
            // PendingCheckout: checked in with the business date past departure; Walkin: arrived without a prior booking
            case "InHouse", "DueOut", "Walkin", "PendingCheckout" -> EventType.CHECKED_IN;
            case "CheckedOut" -> EventType.CHECKED_OUT;
            case "Cancelled", "NoShow" -> EventType.CANCELLED;
            case "Requested", "Waitlisted" -> null;
            default -> throw new InvalidBookingException("reservationStatus", "is not one of OPERA's reservation statuses");
        };
    }
}
