package org.wifionboarding.hub.connect;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its name, default (empty when it has none), meaning and kind of value. Every option the
 * hub reads is declared once as such a constant; the README's configuration table lists them all, the declared
 * default is the value the hub reads when nothing sets the key, and a value that is not of the option's kind stops
 * the hub at start, naming the key.
 */
public record Option(String key, String defaultValue, String description, Kind kind) {

    /** The kinds of value an option takes; an empty value means "unset" and is valid for every kind. */
    public enum Kind {
        TEXT("text", value -> null),
        WHOLE_NUMBER("whole number", value -> {
            try {
                return Long.parseLong(value) < 0 ? "must not be negative" : null;
            } catch (NumberFormatException e) {
                return "not a whole number";
            }
        }),
        DECIMAL("number", value -> {
            try {
                Double.parseDouble(value);
                return null;
            } catch (NumberFormatException e) {
                return "not a number";
            }
        }),
        BOOLEAN("true/false", value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null : "not true or false"),
        DURATION("ISO-8601 duration", value -> {
            try {
                return Duration.parse(value).isNegative() ? "must not be negative" : null;
            } catch (DateTimeParseException e) {
                return "not an ISO-8601 duration (PT10S, PT15M, PT24H)";
            }
        }),
        PERIOD("ISO-8601 period", value -> {
            try {
                return Period.parse(value).isNegative() ? "must not be negative" : null;
            } catch (DateTimeParseException e) {
                return "not an ISO-8601 period (P30D, P1Y)";
            }
        }),
        TIME("HH:mm", value -> {
            try {
                LocalTime.parse(value);
                return null;
            } catch (DateTimeParseException e) {
                return "not a time of day (15:00)";
            }
        }),
        ZONE("IANA zone", value -> {
            try {
                ZoneId.of(value);
                return null;
            } catch (DateTimeException e) {
                return "not an IANA time zone (Europe/Berlin)";
            }
        }),
        URL("URL", value -> {
            try {
                URI uri = new URI(value);
                return uri.getScheme() == null || uri.getHost() == null && !uri.getScheme().equals("vm") ? "not an absolute URL" : null;
            } catch (java.net.URISyntaxException e) {
                return "not a URL";
            }
        });

        private final String label;
        private final Function<String, String> check;

        Kind(String label, Function<String, String> check) {
            this.label = label;
            this.check = check;
        }

        public String label() {
            return label;
        }

        /** Why the value is not of this kind, or null when it is (or is empty: unset). */
        public String problem(String value) {
            return value == null || value.isBlank() ? null : check.apply(value.trim());
        }

        /** The kind a declaration without one gets: from its default, else from its key's last word. */
        static Kind inferred(String key, String defaultValue) {
            String name = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!defaultValue.isBlank()) {
                for (Kind kind : new Kind[] {BOOLEAN, WHOLE_NUMBER, DECIMAL, DURATION, PERIOD, TIME, ZONE}) {
                    if (kind.problem(defaultValue) == null && !(kind == ZONE && !name.contains("timezone"))
                            && !(kind == TIME && !name.endsWith("-time"))) {
                        return kind;
                    }
                }
                return name.endsWith("url") && TEXT.problem(defaultValue) == null && URL.problem(defaultValue) == null ? URL : TEXT;
            }
            if (name.endsWith("url")) {
                return URL;
            }
            if (name.equals("timezone")) {
                return ZONE;
            }
            return TEXT;
        }
    }

    public static Option of(String key, String defaultValue, String description) {
        return new Option(key, defaultValue, description, Kind.inferred(key, defaultValue));
    }

    /** The same option, of another kind than its default suggests. */
    public Option as(Kind other) {
        return new Option(key, defaultValue, description, other);
    }

    /** Why {@code value} is not valid for this option, or null when it is. */
    public String problem(String value) {
        return kind.problem(value);
    }
}
