package org.wifionboarding.hub.provision;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.broker.HubQueues;

/** {@code hub.provisioning} → make the provisioning target match the credential's desired state. */
public class ProvisionRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING).transacted(true).cacheLevelName("CACHE_CONSUMER")
                .concurrentConsumers("{{hub.consumers}}")
                // local JMS transactions: the consumer's session also sends, so the ack and the sends commit together
                .advanced().lazyCreateTransactionManager(false))
                .routeId("provision")
                .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.PROVISIONING)
                .bean("lastAttempt", "note").id("note-provisioning-attempt")
                .bean("provisioner", "reconcile").id("reconcile-credential");
    }
}
