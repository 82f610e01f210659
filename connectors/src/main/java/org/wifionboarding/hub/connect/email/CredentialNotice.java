package org.wifionboarding.hub.connect.email;

import java.time.Instant;
import java.time.ZoneId;
import org.wifionboarding.hub.connect.CredentialKind;

/**
 * Everything a guest needs to get online, for one message. Holds personal data: never log it.
 *
 * @param afterCheckIn the credential starts to work only once the guest has checked in
 */
public record CredentialNotice(String language, String guestName, String venueName, String ssid, CredentialKind kind, String username,
                               String passphrase, Instant validFrom, Instant validUntil, ZoneId zone, boolean afterCheckIn) {

    @Override
    public String toString() {
        return "CredentialNotice[venue=" + venueName + ", language=" + language + ", kind=" + kind + "]";
    }
}
