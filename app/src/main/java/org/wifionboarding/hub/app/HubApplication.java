package org.wifionboarding.hub.app;

import org.wifionboarding.hub.boot.Standalone;

/** Starts the hub on its own: the routes library on the embedded defaults, logging through Log4j2. */
public final class HubApplication {

    private HubApplication() {
    }

    public static void main(String[] args) throws Exception {
        Standalone.main().run(args);
    }
}
