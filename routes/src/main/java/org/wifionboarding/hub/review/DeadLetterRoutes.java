package org.wifionboarding.hub.review;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.LastAttempt;
import org.wifionboarding.hub.broker.HubQueues;

/**
 * {@code direct:dead-letter}: a consumer that gives up on its message's last attempt sends it here, with the
 * reason in {@code HubFailure}; it lands in {@code DLQ.<queue>} exactly where the broker would have put it
 * ({@code _AMQ_ORIG_ADDRESS} = the queue it came from), inside the consumer's transaction, ready for replay.
 */
public class DeadLetterRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from("direct:dead-letter").routeId("dead-letter")
                .removeHeaders("JMS*").id("drop-jms-headers").removeHeaders("_AMQ_SCHED*").id("drop-schedule")
                .removeHeader(HubHeaders.ARTEMIS_DUPLICATE_ID).id("drop-duplicate-id")
                .setHeader(HubHeaders.ARTEMIS_ORIGINAL_ADDRESS, exchangeProperty(HubHeaders.CONSUMED_FROM)).id("name-original-queue")
                .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "topic:" + HubQueues.DEAD_LETTER_ADDRESS)).id("send-dead-letter");
    }
}
