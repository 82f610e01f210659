package org.wifionboarding.hub.normalise;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.broker.HubQueues;

/** {@code hub.inbound} → enrich thin events, map to canonical {@code BookingEvent}s → {@code hub.booking-events}, grouped per booking. */
public class NormaliseRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(jms("queue:" + HubQueues.INBOUND).transacted(true).cacheLevelName("CACHE_CONSUMER")
                .concurrentConsumers("{{hub.consumers}}")
                // local JMS transactions: the consumer's session also sends, so the ack and the sends commit together
                .advanced().lazyCreateTransactionManager(false))
                .routeId("normalise")
                .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.SOURCE_RETRY)
                .bean("normaliser", "normalise").id("map-to-canonical")
                .filter(header(Normaliser.IGNORED).isGreaterThan(0))
                    .to(micrometer("counter:hub.webhook.entries.ignored").increment("${header." + Normaliser.IGNORED + "}")
                            .tags("source", "${header.HubSource}")).id("count-ignored")
                .end()
                .filter(header(Normaliser.RECONCILED).isGreaterThan(0))
                    .to(micrometer("counter:hub.reconciliation.missed").tags("source", "${header.HubSource}")).id("count-reconciled")
                .end()
                .split(body()).id("split-booking-events")
                    .setHeader("JMSXGroupID", simple("${body.groupId()}"))
                    .setHeader("HubEventId", simple("${body.eventId()}"))
                    .setBody(simple("${body.json()}"))
                    .to(ExchangePattern.InOnly, jms("queue:" + HubQueues.BOOKING_EVENTS).deliveryPersistent(true))
                        .id("send-booking-event")
                .end();
    }
}
