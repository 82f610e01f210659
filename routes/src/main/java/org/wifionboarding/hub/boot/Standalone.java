package org.wifionboarding.hub.boot;

import org.apache.camel.main.Main;
import org.wifionboarding.hub.config.HubDefaults;

/**
 * The hub as its own application: a camel-main with the hub added ({@link Hub#addTo}) that reads {@code standalone.properties} (Camel's settings, the embedded broker and database), then the
 * application's own {@code application.properties} if there is one. The runnable jar ({@code app}) and the tests
 * that start the whole hub use this; a host application embedding the hub does not (docs/embedding.md).
 */
public final class Standalone {

    public static final String PROPERTIES = "classpath:org/wifionboarding/hub/standalone.properties";

    private Standalone() {
    }

    public static Main main() {
        Main main = new Main();
        Hub.addTo(main.configure());
        // Prometheus' conventions for every meter (snake_case labels, help texts, latency histograms): bound before Camel
        // would make a registry of its own
        main.bind(org.wifionboarding.hub.observe.HubMetrics.REGISTRY_NAME, org.wifionboarding.hub.observe.HubMetrics.registry());
        // the declared defaults, before camel-main reads standalone.properties (which refers to some of them)
        main.setInitialProperties(HubDefaults.asProperties());
        main.setDefaultPropertyPlaceholderLocation(PROPERTIES + ",classpath:application.properties;optional=true");
        return main;
    }
}
