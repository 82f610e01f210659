package org.wifionboarding.hub.config;

import java.time.Duration;
import org.wifionboarding.hub.window.VenueTimes;

/** A hotel, conference centre or stadium: its clock, its guest network and when credentials are sent. */
public record Venue(String id, String name, VenueTimes times, String ssid, Duration deliveryLead) {
}
