package org.wifionboarding.hub;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.JmsEndpointBuilderFactory.AdvancedJmsEndpointConsumerBuilder;

/** The base of the hub's route builders: the one way a stage consumes one of the hub's queues. */
public abstract class HubRouteBuilder extends EndpointRouteBuilder {

    /**
     * A transacted consumer of one of the hub's queues on the hub's own JMS component: {@code hub.consumers} concurrent
     * consumers, each in a local JMS transaction, so the acknowledgement and every message the route sends commit together
     * (or roll back together, and the broker redelivers by the address settings of {@code artemis-config}). The route
     * configuration {@link ErrorHandlingConfiguration#CONSUMER} goes with it.
     */
    protected AdvancedJmsEndpointConsumerBuilder transactedConsumer(String queue) {
        return transactedConsumer(queue, "{{hub.consumers}}");
    }

    /** The same, with its own number of concurrent consumers (a webhook subscriber's). */
    protected AdvancedJmsEndpointConsumerBuilder transactedConsumer(String queue, String consumers) {
        return jms(HubComponents.JMS, "queue:" + queue).transacted(true).cacheLevelName("CACHE_CONSUMER")
                .concurrentConsumers(consumers)
                .advanced().lazyCreateTransactionManager(false);
    }

    /** A path on the public port under {@code hub.http.path-prefix}. */
    protected String path(String path) {
        return org.wifionboarding.hub.config.HubOptions.pathPrefix(getCamelContext().getPropertiesComponent()
                .resolveProperty(org.wifionboarding.hub.config.HubOptions.HTTP_PATH_PREFIX.key()).orElse("")) + path;
    }
}
