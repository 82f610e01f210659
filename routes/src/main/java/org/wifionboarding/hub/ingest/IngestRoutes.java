package org.wifionboarding.hub.ingest;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.jms.JmsMessageType;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.broker.HubQueues;

/**
 * {@code POST /webhooks/{source}}: after the gate (source, credentials, size, type), validate against
 * the source's schema, check the booking, de-duplicate, send durably to {@code hub.inbound} and only
 * then answer 202.
 */
public class IngestRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(platformHttp("/webhooks/{source}").httpMethodRestrict("POST").muteException(true))
                .routeId("ingest-webhook").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("webhookIntake", "receive").id("read-request")
                .toD("json-validator:${exchangeProperty." + WebhookIntake.SCHEMA + "}").id("validate-schema")
                .bean("webhookIntake", "checkBooking").id("validate-booking")
                .bean("webhookIntake", "deduplicate").id("deduplicate")
                .choice().id("duplicate?")
                    .when(exchangeProperty(WebhookIntake.DUPLICATE_OF).isNotNull())
                        .bean("webhookIntake", "duplicate").id("answer-duplicate")
                    .otherwise()
                        .to(ExchangePattern.InOnly, jms("queue:" + HubQueues.INBOUND)
                                .deliveryPersistent(true).jmsMessageType(JmsMessageType.Bytes)).id("send-inbound")
                        .bean("webhookIntake", "accepted").id("answer-accepted")
                .end();
    }
}
