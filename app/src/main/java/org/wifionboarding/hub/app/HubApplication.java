package org.wifionboarding.hub.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.boot.Standalone;

/** Starts the hub on its own: the routes library on the embedded defaults, logging through Log4j2. */
public final class HubApplication {

    private HubApplication() {
    }

    public static void main(String[] args) {
        try {
            Standalone.main().run(args);
        } catch (Throwable refused) {
            // a configuration the hub refuses (a key missing, a value of the wrong kind) is one line naming the keys; anything
            // else keeps its stack trace. Either way the process ends: the embedded broker and pools started before the
            // refusal would otherwise keep the JVM alive, a hub that looks up to a supervisor and takes nothing
            Logger log = LoggerFactory.getLogger(HubApplication.class);
            Throwable root = refused;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException || root instanceof IllegalStateException) {
                log.error("the hub refused to start: {}", root.getMessage());
            } else {
                log.error("the hub could not start", refused);
            }
            System.exit(1);
        }
    }
}
