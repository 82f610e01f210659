package org.wifionboarding.hub.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.window.VenueTimes;

/**
 * A hotel, conference centre or stadium: its clock, its guest network, what credential its guests get,
 * where it is provisioned, when it starts to work, and how and when it is sent.
 *
 * @param channels delivery channels in the venue's order of preference
 * @param throttle messages per minute per channel for this venue (absent: only the provider account's limit)
 */
public record Venue(String id, String name, VenueTimes times, String ssid, Duration deliveryLead, CredentialKind credential,
                    String target, Activation activation, List<String> channels, Map<String, Integer> throttle, String logoUrl,
                    String supportPhone) {
}
