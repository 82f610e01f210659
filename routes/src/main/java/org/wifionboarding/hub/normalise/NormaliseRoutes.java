package org.wifionboarding.hub.normalise;

import org.apache.camel.ExchangePattern;
import org.wifionboarding.hub.HubRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;

/** {@code hub.inbound} → enrich thin events, map to canonical {@code BookingEvent}s → {@code hub.booking-events}, grouped per booking. */
public class NormaliseRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        from(transactedConsumer(HubQueues.INBOUND))
                .routeId("normalise")
                .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.SOURCE_RETRY)
                .bean("normaliser", "normalise").id("map-to-canonical")
                .filter(simple("${body.ignoredEntries()} > 0")).id("ignored-entries?")
                    .to(micrometer("counter:hub.webhook.entries.ignored").increment("${body.ignoredEntries()}")
                            .tags("source", "${header." + HubHeaders.SOURCE + "}")).id("count-ignored")
                .end()
                .filter(simple("${body.reconciledMiss()}")).id("reconciled-miss?")
                    .to(micrometer("counter:hub.reconciliation.missed").tags("source", "${header." + HubHeaders.SOURCE + "}")).id("count-reconciled")
                .end()
                .split(simple("${body.events()}")).id("split-booking-events")
                    .setHeader(HubHeaders.GROUP_ID, simple("${body.groupId()}")).id("event-group")
                    .setHeader(HubHeaders.EVENT_ID, simple("${body.eventId()}")).id("canonical-event-id")
                    .setBody(simple("${body.json()}")).id("canonical-json")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.BOOKING_EVENTS).deliveryPersistent(true))
                        .id("send-booking-event")
                .end();
    }
}
