package org.wifionboarding.hub.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.wifionboarding.hub.connect.Option;

/**
 * Reads options through Camel's properties component, so {@code application.properties}, system
 * properties and environment variables ({@code hub.smtp.port} → {@code HUB_SMTP_PORT}) all apply.
 */
public final class HubSettings {

    private final PropertiesComponent properties;

    public HubSettings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public String get(Option option) {
        return properties.resolveProperty(option.key()).map(String::trim).orElse(option.defaultValue());
    }

    public boolean isSet(Option option) {
        return !get(option).isBlank();
    }

    public boolean getBoolean(Option option) {
        return Boolean.parseBoolean(get(option));
    }

    public int getInt(Option option) {
        return Integer.parseInt(get(option));
    }

    public Path dataDir() {
        return Path.of(get(HubOptions.DATA_DIR)).toAbsolutePath().normalize();
    }

    /**
     * Every property whose key passes the filter (for families of keys such as {@code hub.venues.*}),
     * from the properties files, the override properties and the system properties, each value
     * resolved with the usual precedence.
     */
    public Map<String, String> matching(Predicate<String> keyFilter) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        properties.loadProperties(keyFilter).stringPropertyNames().forEach(keys::add);
        if (properties instanceof org.apache.camel.component.properties.PropertiesComponent impl) {
            impl.getOverrideProperties().stringPropertyNames().stream().filter(keyFilter).forEach(keys::add);
            impl.getInitialProperties().stringPropertyNames().stream().filter(keyFilter).forEach(keys::add);
        }
        System.getProperties().stringPropertyNames().stream().filter(keyFilter).forEach(keys::add);
        Map<String, String> found = new java.util.HashMap<>();
        keys.forEach(key -> properties.resolveProperty(key).ifPresent(value -> found.put(key, value)));
        return found;
    }
}
