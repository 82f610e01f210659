package org.wifionboarding.hub.connect;

import java.time.Instant;

/**
 * Where a credential lives on the network (a RADIUS store, a controller's PSK API, a voucher API).
 * Provisioning is reconciliation: the target is told what one credential should look like now and
 * makes itself match, so a repeated or late call does no harm.
 */
public interface ProvisioningTarget {

    String name();

    /**
     * Makes the network match the desired state of one credential.
     *
     * @param username the credential's stable, booking-derived name on the target
     * @param desired what should exist, or null when nothing should (revoked, purged)
     */
    void reconcile(String username, Credential desired);

    /** A credential as the network should hold it. */
    record Credential(String passphrase, Instant validFrom, Instant validUntil) {
        @Override
        public String toString() {
            return "Credential[validFrom=" + validFrom + ", validUntil=" + validUntil + "]";   // never the passphrase
        }
    }
}
