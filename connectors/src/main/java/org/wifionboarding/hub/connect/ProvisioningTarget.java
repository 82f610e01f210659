package org.wifionboarding.hub.connect;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where a credential lives on the network (a RADIUS store, a controller's PSK API, a voucher API).
 * Provisioning is reconciliation: the target is told what one credential should look like now and
 * makes itself match, so a repeated or late call does no harm. Implementations find their own
 * credential again by the account's booking-derived name when the reference is lost (a crash between
 * the vendor's answer and the hub's commit), so a repeat never makes a second one.
 */
public interface ProvisioningTarget {

    /** The configured instance's name ({@code hub.targets.<name>.*}). */
    String name();

    /** The credential kinds this target can hold. */
    Set<CredentialKind> kinds();

    /**
     * Makes the network match the desired state of one credential.
     *
     * @param account the credential's stable name on the target and what the last reconciliation returned
     * @param desired what should exist, or null when nothing should (revoked, expired, purged)
     * @return what the hub keeps for next time: the target's reference and, for vouchers, the code it issued
     * @throws TargetUnavailableException when the target cannot answer now (the broker retries)
     */
    Result reconcile(Account account, Credential desired);

    /**
     * The booking-derived name of a credential, the target's own id for it from the last reconciliation (or null), and the
     * devices registered for the booking (MAC addresses, for targets that {@linkplain #usesDevices use them}; also given when
     * the credential is revoked, so a target can end those devices' sessions).
     */
    record Account(String username, String reference, List<String> devices) {

        public Account {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        public Account(String username, String reference) {
            this(username, reference, List.of());
        }

        @Override
        public String toString() {
            return "Account[" + username + ", reference=" + reference + ", devices=" + devices.size() + "]";   // never a MAC
        }
    }

    /**
     * A credential as the network should hold it.
     *
     * @param passphrase the hub's passphrase; null for a voucher, whose code the target issues
     * @param usable false while the credential must exist but not let the guest in (before {@code validFrom}
     *               or before check-in, by the venue's activation policy)
     * @param devices the MAC addresses registered for the booking (lower case, colon-separated); empty for most targets
     */
    record Credential(CredentialKind kind, String passphrase, Instant validFrom, Instant validUntil, boolean usable, List<String> devices) {

        public Credential {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        /** A credential with no registered devices. */
        public Credential(CredentialKind kind, String passphrase, Instant validFrom, Instant validUntil, boolean usable) {
            this(kind, passphrase, validFrom, validUntil, usable, List.of());
        }

        @Override
        public String toString() {
            return "Credential[" + kind + ", validFrom=" + validFrom + ", validUntil=" + validUntil + ", usable=" + usable
                    + ", devices=" + devices.size() + "]";   // never the passphrase, never a MAC
        }
    }

    /**
     * Whether credentials of this kind on this target need the guest's devices registered ({@code devices} of
     * the credential: MAC addresses, {@code aa:bb:cc:dd:ee:ff}), as ClearPass MPSK device accounts do.
     */
    default boolean usesDevices(CredentialKind kind) {
        return false;
    }

    /**
     * Whether the target keeps its credentials in the hub's own database (FreeRADIUS {@code rlm_sql} tables). Its
     * {@link #reconcile} then joins the caller's database transaction, and does what reaches beyond the database (ending a
     * RADIUS session) only once that transaction commits. The provisioning stage reconciles such a target holding the
     * booking's row lock, the lock the lifecycle stage holds while it applies an event, so a reconcile that read an older
     * state never writes after one that read a newer.
     */
    default boolean inHubDatabase() {
        return false;
    }

    /**
     * Whether making the target match {@code desired} is only work in the hub's own database, nothing sent to a device, a
     * controller or a RADIUS client: the lifecycle stage may then reconcile in the transaction that changed the booking
     * instead of sending it to the provisioning stage. Implies {@link #inHubDatabase()}.
     *
     * @param desired what should exist, or null when nothing should
     */
    default boolean staysInHubDatabase(Credential desired) {
        return false;
    }

    /**
     * @param reference the target's id for the credential (null when it holds none)
     * @param issuedSecret a secret the target made (a voucher code), to be delivered to the guest; null otherwise
     */
    record Result(String reference, String issuedSecret) {
        public static final Result NONE = new Result(null, null);

        @Override
        public String toString() {
            return "Result[reference=" + reference + "]";
        }
    }
}
