package org.wifionboarding.hub.config;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.model.InvalidBookingException;
import org.wifionboarding.hub.window.StayWindow;
import org.wifionboarding.hub.window.VenueTimes;

/**
 * A hotel, conference centre or stadium: its clock, its guest network, what credential its guests get,
 * where it is provisioned, when it starts to work, and how and when it is sent.
 *
 * @param channels delivery channels in the venue's order of preference
 * @param throttle messages per minute per channel for this venue (absent: only the provider account's limit)
 * @param maxStay the longest stay the venue accepts (a 20-year stay is a typo or an attack, not a booking)
 * @param maxAdvance how far ahead a stay may start
 */
public record Venue(String id, String name, VenueTimes times, String ssid, Duration deliveryLead, CredentialKind credential,
                    String target, Activation activation, List<String> channels, Map<String, Integer> throttle, String logoUrl,
                    String supportPhone, Period maxStay, Period maxAdvance) {

    /** Refuses a window longer than {@link #maxStay} or starting more than {@link #maxAdvance} from now, naming the field. */
    public void checkStay(StayWindow window, Instant now) {
        ZoneId zone = times.zone();
        if (window.validUntil().atZone(zone).isAfter(window.validFrom().atZone(zone).plus(maxStay))) {
            throw new InvalidBookingException("departure", "makes a stay longer than venue " + id + " allows (" + maxStay + ")");
        }
        if (window.validFrom().atZone(zone).isAfter(now.atZone(zone).plus(maxAdvance))) {
            throw new InvalidBookingException("arrival", "is further ahead than venue " + id + " accepts (" + maxAdvance + ")");
        }
    }
}
