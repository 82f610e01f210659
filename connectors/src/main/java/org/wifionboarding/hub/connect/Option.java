package org.wifionboarding.hub.connect;

/**
 * One configuration key: its name, default (empty when it has none) and meaning. Every option the hub
 * reads is declared once as such a constant; the README's configuration table lists them all.
 */
public record Option(String key, String defaultValue, String description) {

    public static Option of(String key, String defaultValue, String description) {
        return new Option(key, defaultValue, description);
    }
}
