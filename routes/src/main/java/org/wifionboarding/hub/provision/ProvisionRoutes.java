package org.wifionboarding.hub.provision;

import org.wifionboarding.hub.HubRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.Announce;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;

/** {@code hub.provisioning} → make the provisioning target match the credential's desired state. */
public class ProvisionRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        from(transactedConsumer(HubQueues.PROVISIONING))
                .routeId("provision")
                .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.PROVISIONING)
                .bean("lastAttempt", "note").id("note-provisioning-attempt")
                .bean("provisioner", "reconcile").id("reconcile-credential")
                // credential.usable, credential.revoked on hub.lifecycle-events, in this transaction
                .setProperty(HubHeaders.ANNOUNCE, simple(Announce.PROVISIONED + "${body}")).id("what-was-provisioned")
                .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-provisioning");
    }
}
