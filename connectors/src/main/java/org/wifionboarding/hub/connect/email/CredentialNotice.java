package org.wifionboarding.hub.connect.email;

import java.time.Instant;
import java.time.ZoneId;

/** Everything a guest needs to get online, for one message. Holds personal data: never log it. */
public record CredentialNotice(String language, String guestName, String venueName, String ssid, String username,
                               String passphrase, Instant validFrom, Instant validUntil, ZoneId zone) {

    @Override
    public String toString() {
        return "CredentialNotice[venue=" + venueName + ", language=" + language + "]";
    }
}
