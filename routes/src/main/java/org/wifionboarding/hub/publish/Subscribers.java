package org.wifionboarding.hub.publish;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wifionboarding.hub.config.HubOptions;

/** The webhook subscribers configured as {@code hub.subscribers.<name>.*}, checked once at start. */
public final class Subscribers {

    private static final Pattern KEY = Pattern.compile("hub\\.subscribers\\.([a-z0-9][a-z0-9-]{0,47})\\."
            + "(url|secret|events|venues|personal-data|per-second|consumers|timeout)");
    private static final Pattern ENV = Pattern.compile("HUB_SUBSCRIBERS_([A-Z0-9_]+?)_(URL|SECRET|EVENTS|VENUES|PERSONAL_DATA|PER_SECOND|CONSUMERS|TIMEOUT)");
    public static final String SECRET_PREFIX = "whsec_";

    private final List<Subscriber> all;

    private Subscribers(List<Subscriber> all) {
        this.all = List.copyOf(all);
    }

    public static final Subscribers NONE = new Subscribers(List.of());

    /** @param properties every {@code hub.subscribers.*} property */
    public static Subscribers from(Map<String, String> properties) {
        return from(properties, Map.of());
    }

    /**
     * @param properties every {@code hub.subscribers.*} property
     * @param environment the process environment, whose {@code HUB_SUBSCRIBERS_<NAME>_<OPTION>} entries win (a secret is
     *                    best given this way): {@code HUB_SUBSCRIBERS_POST_STAY_SECRET} is {@code hub.subscribers.post-stay.secret}
     */
    public static Subscribers from(Map<String, String> properties, Map<String, String> environment) {
        Map<String, String> given = new TreeMap<>(properties);
        environment.forEach((key, value) -> {
            Matcher m = ENV.matcher(key);
            if (m.matches()) {
                given.put("hub.subscribers." + m.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "."
                        + m.group(2).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), value);
            }
        });
        Map<String, Map<String, String>> byName = new TreeMap<>();
        given.forEach((key, value) -> {
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                throw new IllegalStateException(key + ": not a subscriber option (hub.subscribers.<name>.<option>, the name in "
                        + "lower-case letters, digits and '-'; options url, secret, events, venues, personal-data, per-second, consumers, timeout)");
            }
            byName.computeIfAbsent(m.group(1), n -> new TreeMap<>()).put(m.group(2), value.trim());
        });
        List<Subscriber> all = new ArrayList<>();
        byName.forEach((name, options) -> all.add(subscriber(name, options)));
        return new Subscribers(all);
    }

    private static Subscriber subscriber(String name, Map<String, String> o) {
        String prefix = "hub.subscribers." + name + ".";
        String url = o.getOrDefault("url", "");
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(prefix + "url: not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalStateException(prefix + "url: must be an absolute http(s) URL");
        }
        String secret = o.getOrDefault("secret", "");
        checkSecret(prefix + "secret", secret);
        Set<EventType> events = new LinkedHashSet<>();
        for (String type : list(o.getOrDefault("events", "all"))) {
            events.add(EventType.of(type).orElseThrow(() -> new IllegalStateException(prefix + "events: unknown event type '" + type
                    + "' (one of " + Arrays.stream(EventType.values()).map(EventType::wireName).toList() + ")")));
        }
        Set<String> venues = new TreeSet<>(list(o.getOrDefault("venues", "all")));
        return new Subscriber(name, uri, secret, Set.copyOf(events), Set.copyOf(venues),
                Boolean.parseBoolean(o.getOrDefault("personal-data", HubOptions.SUBSCRIBER_PERSONAL_DATA.defaultValue())),
                positive(prefix + "per-second", o.getOrDefault("per-second", HubOptions.SUBSCRIBER_RATE.defaultValue())),
                positive(prefix + "consumers", o.getOrDefault("consumers", HubOptions.SUBSCRIBER_CONSUMERS.defaultValue())),
                duration(prefix + "timeout", o.getOrDefault("timeout", HubOptions.SUBSCRIBER_TIMEOUT.defaultValue())));
    }

    /** A Standard Webhooks secret: {@code whsec_} and the base64 of 24 to 64 bytes. */
    static void checkSecret(String key, String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalStateException(key + ": must be set, as whsec_ followed by base64 of 24 to 64 random bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": what follows whsec_ is not base64");
        }
        if (raw.length < 24 || raw.length > 64) {
            throw new IllegalStateException(key + ": must hold 24 to 64 bytes, holds " + raw.length);
        }
    }

    private static List<String> list(String value) {
        if (value.isBlank() || value.equals("all")) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static int positive(String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new IllegalStateException(key + ": must be a whole number above 0");
    }

    private static Duration duration(String key, String value) {
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException(key + ": not an ISO-8601 duration (PT10S)");
        }
    }

    public List<Subscriber> all() {
        return all;
    }

    public List<String> queues() {
        return all.stream().map(Subscriber::queue).toList();
    }
}
