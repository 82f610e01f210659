package org.wifionboarding.hub;

import org.apache.camel.main.Main;

/** Starts the hub: Camel Main scans this package for its configuration and route builders. */
public final class HubApplication {

    private HubApplication() {
    }

    public static void main(String[] args) throws Exception {
        new Main(HubApplication.class).run(args);
    }
}
