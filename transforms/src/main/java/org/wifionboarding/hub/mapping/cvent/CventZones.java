package org.wifionboarding.hub.mapping.cvent;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cvent names an event's zone by its display name ("Eastern Time", sometimes "(GMT-05:00) Eastern Time
 * (US &amp; Canada)"), not by IANA id. This table maps the names Cvent's event settings offer; an unknown
 * name gives nothing, and the hub then reads the event's local times in the venue's zone.
 */
final class CventZones {

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("eastern time", "America/New_York"),
            Map.entry("central time", "America/Chicago"),
            Map.entry("mountain time", "America/Denver"),
            Map.entry("arizona", "America/Phoenix"),
            Map.entry("arizona time", "America/Phoenix"),
            Map.entry("pacific time", "America/Los_Angeles"),
            Map.entry("alaska time", "America/Anchorage"),
            Map.entry("alaska", "America/Anchorage"),
            Map.entry("hawaii time", "Pacific/Honolulu"),
            Map.entry("hawaii", "Pacific/Honolulu"),
            Map.entry("atlantic time", "America/Halifax"),
            Map.entry("newfoundland time", "America/St_Johns"),
            Map.entry("greenwich mean time", "Europe/London"),
            Map.entry("gmt", "Europe/London"),
            Map.entry("london", "Europe/London"),
            Map.entry("western european time", "Europe/Lisbon"),
            Map.entry("central european time", "Europe/Paris"),
            Map.entry("eastern european time", "Europe/Athens"),
            Map.entry("india standard time", "Asia/Kolkata"),
            Map.entry("china standard time", "Asia/Shanghai"),
            Map.entry("singapore time", "Asia/Singapore"),
            Map.entry("japan standard time", "Asia/Tokyo"),
            Map.entry("australian eastern time", "Australia/Sydney"),
            Map.entry("utc", "UTC"),
            Map.entry("coordinated universal time", "UTC"));

    private CventZones() {
    }

    /** The IANA zone for a Cvent display name, ignoring a leading "(GMT±hh:mm)" and a trailing "(US & Canada)". */
    static Optional<ZoneId> zone(String displayName) {
        if (displayName == null) {
            return Optional.empty();
        }
        String name = displayName.replaceAll("^\\s*\\((GMT|UTC)[^)]*\\)\\s*", "").replaceAll("\\s*\\(US & Canada\\)\\s*$", "")
                .replaceAll("\\s+(Standard|Daylight)\\s+Time$", " Time").trim().toLowerCase(Locale.ROOT);
        String id = BY_NAME.get(name);
        return id == null ? Optional.empty() : Optional.of(ZoneId.of(id));
    }
}
