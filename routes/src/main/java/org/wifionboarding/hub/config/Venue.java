package org.wifionboarding.hub.config;

import java.time.Duration;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.window.VenueTimes;

/**
 * A hotel, conference centre or stadium: its clock, its guest network, what credential its guests get,
 * where it is provisioned, when it starts to work, and when it is sent.
 */
public record Venue(String id, String name, VenueTimes times, String ssid, Duration deliveryLead, CredentialKind credential,
                    String target, Activation activation) {
}
