package org.wifionboarding.hub.lifecycle;

import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.store.CredentialState;

/** The lifecycle table (docs/architecture.md), as a function of the credential's state and the event's type. */
final class LifecycleTable {

    /** What an event does to a credential. */
    enum Action {
        /** make a credential (PENDING, or ACTIVE for a check-in) and plan its delivery */
        CREATE,
        /** keep the event in the timeline; no credential */
        RECORD_ONLY,
        /** move the window if it changed (revoke if it now ended); a check-in also activates */
        UPDATE,
        /** end the credential and call off its delivery */
        REVOKE,
        NO_CHANGE
    }

    private LifecycleTable() {
    }

    static Action decide(CredentialState current, EventType event) {
        return switch (current) {
            case NONE -> switch (event) {
                case CONFIRMED, MODIFIED, CHECKED_IN -> Action.CREATE;
                case CHECKED_OUT, CANCELLED -> Action.RECORD_ONLY;
            };
            // CONFIRMED on a live credential is treated like MODIFIED when the window differs: Mews,
            // for one, keeps a reservation "Confirmed" when its dates change.
            case PENDING, ACTIVE -> switch (event) {
                case CONFIRMED, MODIFIED, CHECKED_IN -> Action.UPDATE;
                case CHECKED_OUT, CANCELLED -> Action.REVOKE;
            };
            case REVOKED -> Action.NO_CHANGE;   // a new stay is a new booking
        };
    }
}
