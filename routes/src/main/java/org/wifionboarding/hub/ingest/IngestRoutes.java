package org.wifionboarding.hub.ingest;

import org.apache.camel.ExchangePattern;
import org.wifionboarding.hub.HubRouteBuilder;
import org.apache.camel.component.jms.JmsMessageType;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;

/**
 * {@code POST /webhooks/{source}}: after the gate (source, credentials, size, type), validate against
 * the source's schema, check the booking, de-duplicate, send durably to {@code hub.inbound} and only
 * then answer 202.
 */
public class IngestRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        // method references, not bean(): this is the hot path and reflection costs here
        WebhookIntake intake = getContext().getRegistry().lookupByNameAndType("webhookIntake", WebhookIntake.class);
        // a prefix match, so a vendor may add segments (Cvent posts to <url>/<EventType>/<messageId>)
        from(platformHttp(path("/webhooks/{source}")).httpMethodRestrict("POST").matchOnUriPrefix(true).muteException(true))
                .routeId("ingest-webhook").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .filter(header("source").in(WebhookGate.TWILIO_STATUS, WebhookGate.CALLBACKS)).id("status-callback?")
                    .process(WebhookGate::callbackProvider).id("name-callback-provider")
                    .to("direct:status-callback").id("to-status-callback")
                    .stop().id("callback-done")
                .end()
                .to("direct:accept").id("accept-webhook");

        // one pipeline for webhooks (above) and for the events a poller reads (sources without webhooks): schema, booking
        // check, de-duplication, the durable send to hub.inbound, then the answer (a polled event's refusal becomes a review item)
        from("direct:accept").routeId("accept").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .process(intake::receive).id("read-request")
                .toD("json-validator:${exchangeProperty." + HubHeaders.SCHEMA + "}").id("validate-schema")
                .process(intake::checkBooking).id("validate-booking")
                .process(intake::deduplicate).id("deduplicate")
                .choice().id("duplicate?")
                    .when(exchangeProperty(HubHeaders.DUPLICATE_OF).isNotNull())
                        .process(intake::duplicate).id("answer-duplicate")
                    .otherwise()
                        .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.INBOUND)
                                .deliveryPersistent(true).jmsMessageType(JmsMessageType.Bytes)).id("send-inbound")
                        .process(intake::accepted).id("answer-accepted")
                .end();

        // some vendors (Cvent) check a webhook URL with a GET when it is registered: 200 with the source's credentials
        from(platformHttp(path("/webhooks/{source}")).httpMethodRestrict("GET").matchOnUriPrefix(true).muteException(true))
                .routeId("webhook-activation").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .process(intake::activation).id("answer-activation");
    }
}
