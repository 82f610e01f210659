package org.wifionboarding.hub.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.window.VenueTimes;

/**
 * The venues configured with {@code hub.venues.<venue>.<field>} (or {@code HUB_VENUES_<VENUE>_<FIELD>},
 * where {@code _} in the venue stands for {@code -}); venue {@code default} answers for any other id.
 *
 * <p>Booking systems name venues their own way ({@code BER}, {@code HOTEL1}, a Cvent event code, a UUID).
 * A venue's {@code id} field gives that name exactly (default: the configuration key), and an event's venue
 * is matched to it exactly, then ignoring case, so {@code HUB_VENUES_BER_TIMEZONE} (whose key the
 * environment lower-cases) serves events naming {@code BER}. A venue id no configured venue matches is
 * served by {@code default}; it is logged once and counted ({@code hub_venue_unconfigured_total}).
 */
public final class VenueDirectory {

    public static final String DEFAULT = "default";
    private static final Pattern KEY = Pattern.compile("hub\\.venues\\.(.+)\\.(timezone|ssid|name|id|check-in-time|check-out-time|delivery-lead|credential|target|activation|channels|logo-url|support-phone|max-stay|max-advance|throttle\\.(?:email|sms|push))");
    private static final Pattern ENV = Pattern.compile("HUB_VENUES_(.+)_(ID|TIMEZONE|SSID|NAME|CHECK_IN_TIME|CHECK_OUT_TIME|DELIVERY_LEAD|CREDENTIAL|TARGET|ACTIVATION|CHANNELS|LOGO_URL|SUPPORT_PHONE|MAX_STAY|MAX_ADVANCE|THROTTLE_EMAIL|THROTTLE_SMS|THROTTLE_PUSH)");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VenueDirectory.class);
    private static final int REMEMBERED_UNKNOWN = 1000;

    private final Map<String, Venue> venues;
    private final Map<String, Venue> byKey;
    private final Map<String, Venue> byLowerCase = new HashMap<>();
    private final java.util.Set<String> unknownSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Runnable onUnknown = () -> { };

    private VenueDirectory(Map<String, Venue> venues, Map<String, Venue> byKey) {
        this.venues = venues;
        this.byKey = byKey;
        venues.values().forEach(v -> byLowerCase.putIfAbsent(v.id().toLowerCase(Locale.ROOT), v));
    }

    /** Called once for every event that names a venue no configuration matches (for a metric). */
    public VenueDirectory onUnknownVenue(Runnable counter) {
        this.onUnknown = counter;
        return this;
    }

    /**
     * @param properties {@code hub.venues.*} keys from the configuration
     * @param environment the process environment; its {@code HUB_VENUES_*} entries win
     */
    public static VenueDirectory from(Map<String, String> properties, Map<String, String> environment) {
        Map<String, Map<String, String>> fields = new HashMap<>();
        properties.forEach((key, value) -> {
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                fields.computeIfAbsent(m.group(1), v -> new HashMap<>()).put(m.group(2), value);
            }
        });
        environment.forEach((key, value) -> {
            Matcher m = ENV.matcher(key);
            if (m.matches()) {
                String venue = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
                String field = m.group(2).toLowerCase(Locale.ROOT).replace('_', '-').replaceFirst("^throttle-", "throttle.");
                fields.computeIfAbsent(venue, v -> new HashMap<>()).put(field, value);
            }
        });
        Map<String, String> defaults = fields.getOrDefault(DEFAULT, Map.of());
        Map<String, Venue> venues = new HashMap<>();
        Map<String, Venue> byKey = new HashMap<>();
        venues.put(DEFAULT, venue(DEFAULT, defaults, Map.of()));
        fields.forEach((key, own) -> {
            String id = own.getOrDefault("id", key).trim();
            if (id.isEmpty() || id.chars().anyMatch(c -> c < 0x20)) {
                throw new IllegalArgumentException("venue '" + key + "': id must be a name without control characters");
            }
            Venue venue = venue(id, own, defaults);
            byKey.put(key, venue);
            Venue clash = venues.put(id, venue);
            if (clash != null && !key.equals(DEFAULT)) {
                throw new IllegalArgumentException("venue id '" + id + "' is configured twice (hub.venues.<key>.id)");
            }
        });
        return new VenueDirectory(venues, byKey);
    }

    private static Venue venue(String id, Map<String, String> own, Map<String, String> defaults) {
        java.util.function.BiFunction<String, String, String> field = (name, fallback) ->
                own.getOrDefault(name, defaults.getOrDefault(name, fallback)).trim();
        try {
            CredentialKind credential = CredentialKind.fromConfig(field.apply("credential", "radius-account"));
            Activation activation = Activation.fromConfig(field.apply("activation",
                    credential == CredentialKind.VOUCHER ? "on-first-use" : "on-confirm"));
            if ((credential == CredentialKind.VOUCHER) != (activation == Activation.ON_FIRST_USE)) {
                throw new IllegalArgumentException("on-first-use goes with vouchers, and vouchers with on-first-use "
                        + "(the controller starts a voucher's clock at its first use)");
            }
            return new Venue(id, field.apply("name", id),
                    new VenueTimes(ZoneId.of(field.apply("timezone", "UTC")), LocalTime.parse(field.apply("check-in-time", "15:00")),
                            LocalTime.parse(field.apply("check-out-time", "11:00"))),
                    field.apply("ssid", "Guest"), Duration.parse(field.apply("delivery-lead", "PT24H")), credential,
                    field.apply("target", "radius-sql"), activation, channels(field.apply("channels", "email")), throttle(own, defaults),
                    blankToNull(field.apply("logo-url", "")), blankToNull(field.apply("support-phone", "")),
                    java.time.Period.parse(field.apply("max-stay", "P1Y")), java.time.Period.parse(field.apply("max-advance", "P3Y")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("venue '" + id + "' is misconfigured: " + e.getMessage(), e);
        }
    }

    static final java.util.Set<String> CHANNELS = java.util.Set.of("email", "sms", "push");

    private static java.util.List<String> channels(String list) {
        java.util.List<String> channels = java.util.Arrays.stream(list.split(",")).map(String::trim).filter(c -> !c.isEmpty()).distinct().toList();
        for (String channel : channels) {
            if (!CHANNELS.contains(channel)) {
                throw new IllegalArgumentException("unknown channel '" + channel + "' (one of email, sms, push)");
            }
        }
        return channels;
    }

    private static Map<String, Integer> throttle(Map<String, String> own, Map<String, String> defaults) {
        Map<String, Integer> throttle = new HashMap<>();
        for (Map<String, String> fields : java.util.List.of(defaults, own)) {
            fields.forEach((key, value) -> {
                if (key.startsWith("throttle.") && !value.isBlank()) {
                    throttle.put(key.substring("throttle.".length()), Integer.parseInt(value.trim()));
                }
            });
        }
        return Map.copyOf(throttle);
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    /** Every configured venue, {@code default} included. */
    public java.util.Collection<Venue> all() {
        return java.util.List.copyOf(venues.values());
    }

    /** The venue by id (exactly, then ignoring case), or the {@code default} venue when no venue has that id. */
    public Venue venue(String id) {
        if (id == null) {
            return venues.get(DEFAULT);
        }
        Venue exact = venues.get(id);
        if (exact != null) {
            return exact;
        }
        Venue keyed = byKey.get(id);   // a source's configured venue may name the configuration key
        if (keyed != null) {
            return keyed;
        }
        Venue loose = byLowerCase.get(id.toLowerCase(Locale.ROOT));
        if (loose != null) {
            return loose;
        }
        onUnknown.run();
        if (unknownSeen.size() < REMEMBERED_UNKNOWN && unknownSeen.add(id)) {
            LOG.warn("venue '{}' is named by a booking but not configured: the default venue's zone and times serve it "
                    + "(set hub.venues.<key>.id={} and its timezone)", id.replaceAll("[^\\w.:@/ -]", "?"), id.replaceAll("[^\\w.:@/ -]", "?"));
        }
        return venues.get(DEFAULT);
    }
}
