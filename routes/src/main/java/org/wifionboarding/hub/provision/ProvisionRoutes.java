package org.wifionboarding.hub.provision;

import org.wifionboarding.hub.HubRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.broker.HubQueues;

/** {@code hub.provisioning} → make the provisioning target match the credential's desired state. */
public class ProvisionRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        from(transactedConsumer(HubQueues.PROVISIONING))
                .routeId("provision")
                .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.PROVISIONING)
                .bean("lastAttempt", "note").id("note-provisioning-attempt")
                .bean("provisioner", "reconcile").id("reconcile-credential");
    }
}
