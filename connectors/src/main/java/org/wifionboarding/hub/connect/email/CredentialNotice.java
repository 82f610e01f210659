package org.wifionboarding.hub.connect.email;

import java.time.Instant;
import java.time.ZoneId;
import org.wifionboarding.hub.connect.CredentialKind;

/**
 * Everything a guest needs to get online, for one message. Holds personal data: never log it.
 *
 * @param afterCheckIn the credential starts to work only once the guest has checked in
 * @param logoUrl the venue's logo for the HTML email (null: none)
 * @param supportPhone the venue's number for WiFi help (null: none)
 */
public record CredentialNotice(String language, String guestName, String venueName, String ssid, CredentialKind kind, String username,
                               String passphrase, Instant validFrom, Instant validUntil, ZoneId zone, boolean afterCheckIn,
                               String logoUrl, String supportPhone) {

    public CredentialNotice(String language, String guestName, String venueName, String ssid, CredentialKind kind, String username,
                            String passphrase, Instant validFrom, Instant validUntil, ZoneId zone, boolean afterCheckIn) {
        this(language, guestName, venueName, ssid, kind, username, passphrase, validFrom, validUntil, zone, afterCheckIn, null, null);
    }

    @Override
    public String toString() {
        return "CredentialNotice[venue=" + venueName + ", language=" + language + ", kind=" + kind + "]";
    }
}
