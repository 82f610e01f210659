package org.wifionboarding.hub;

import org.apache.camel.ExchangePattern;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.connect.TargetRefusedException;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.channel.ChannelUnavailableException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Error handling, declared once per kind of route. Broker-side redelivery does the retrying (see
 * artemis-config): a transacted consumer that fails rolls back, and the broker tries again with
 * back-off and finally dead-letters. Camel itself never redelivers, so attempts are not multiplied.
 */
public class ErrorHandlingConfiguration extends RouteConfigurationBuilder {

    public static final String HTTP = "http-problems";
    /**
     * An HTTP route that changes something (POST, PUT, DELETE): its commits are on disk before it answers (the embedded
     * H2). Read-only routes leave it out, so a read never waits for a checkpoint.
     */
    public static final String DURABLE_ANSWER = "durable-answer";
    public static final String CONSUMER = "transacted-consumer";
    public static final String SOURCE_RETRY = "source-retry";
    public static final String DELIVERY = "delivery-failures";
    public static final String PROVISIONING = "provisioning-failures";
    public static final String SUBSCRIBER = "subscriber-failures";

    @Override
    public void configuration() throws Exception {
        routeConfiguration(HTTP)
                .onException(Exception.class).handled(true).bean("webhookProblems", "answer").id("answer-problem");

        // what the admin API, the front desk or a provider's callback was told is done stays done across a kill
        routeConfiguration(DURABLE_ANSWER).onCompletion().modeBeforeConsumer().bean("durableCommits", "fence").id("durable-answer");

        var consumer = routeConfiguration(CONSUMER);
        // the broker, not Camel, tries again: an attempt that fails is one WARN line (ids, the cause), never an ERROR with a
        // stack trace per redelivery; the last attempt's own handler says when the broker has given up
        consumer.errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhaustedMessageHistory(false)
                        .logExhaustedMessageBody(false).logStackTrace(false).logHandled(false)
                        .retriesExhaustedLogLevel(org.apache.camel.LoggingLevel.WARN))
                .onException(InvalidBookingException.class).handled(true).bean("consumerReview", "keep").id("keep-for-review");
        // a consumer's database commits are on disk before its JMS transaction commits (the embedded H2; PostgreSQL: no-op)
        consumer.onCompletion().modeBeforeConsumer().bean("durableCommits", "fence").id("durable-commits");

        routeConfiguration(SOURCE_RETRY)
                .onException(SourceUnavailableException.class).onWhen(method("vendorRetry", "honoursRetryAfter"))
                .handled(true).useOriginalMessage().bean("vendorRetry", "reschedule").id("source-retry-after")
                .to(HubComponents.JMS + ":queue:" + HubQueues.INBOUND).id("source-retry-later");

        // permanent (SMTP 5xx, an unreachable number, an unknown app user): the next channel, or the front desk;
        // a provider's 429/503 with Retry-After: back to the channel's queue no sooner than it asked;
        // anything else (SMTP 4xx, timeouts): the send is given back and the broker retries with back-off, except on the
        // broker's last attempt, when the booking's delivery is marked FAILED (front desk) and the message dead-lettered
        // by the hub with the reason, so nothing dead-lettered still reads "will retry"
        routeConfiguration(DELIVERY)
                .onException(Exception.class).onWhen(method("deliveryFailures", "permanent")).handled(true)
                    .bean("deliveryFailures", "fallback").id("delivery-fallback")
                    .filter(exchangeProperty(HubHeaders.DELIVERY_NEXT)).id("next-channel?")
                        .to(ExchangePattern.InOnly, HubComponents.JMS + ":queue:" + HubQueues.DELIVERY).id("to-next-channel")
                    .end()
                    .filter(exchangeProperty(HubHeaders.DELIVERY_FRONT_DESK)).id("refused-front-desk?")
                        .to("micrometer:counter:hub.delivery.front-desk").id("count-refused-front-desk")
                        .setProperty(HubHeaders.ANNOUNCE, constant(Announce.DELIVERY_FAILED)).id("what-was-refused")
                        .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-refused")
                    .end()
                .end()
                .onException(ChannelUnavailableException.class).onWhen(method("vendorRetry", "honoursRetryAfter")).handled(true)
                    .useOriginalMessage()
                    .bean("deliveryFailures", "retryLater").id("channel-give-back")
                    .bean("vendorRetry", "reschedule").id("channel-retry-after")
                    .toD(HubComponents.JMS + ":queue:" + HubQueues.DELIVERY + ".${header.HubChannel}?exchangePattern=InOnly").id("channel-retry-later")
                .end()
                .onException(Exception.class).onWhen(method("lastAttempt", "isLast")).handled(true).useOriginalMessage()
                    .bean("deliveryFailures", "failedForGood").id("delivery-given-up")
                    .to("micrometer:counter:hub.delivery.front-desk").id("count-given-up-front-desk")
                    .setProperty(HubHeaders.ANNOUNCE, constant(Announce.DELIVERY_FAILED)).id("what-was-given-up")
                    .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-given-up")
                    .to(ExchangePattern.InOnly, "direct:dead-letter").id("dead-letter-delivery")
                .end()
                .onException(Exception.class).bean("deliveryFailures", "retryLater").id("delivery-give-back");

        // a controller's 429/503 with Retry-After: back to hub.provisioning no sooner than it asked; any other failure is
        // recorded on the booking and rolled back for the broker's back-off, except on the last attempt, which the hub
        // dead-letters itself so that the message in DLQ.hub.provisioning carries the vendor's error (HubFailure)
        routeConfiguration(PROVISIONING)
                .onException(TargetRefusedException.class).handled(true).useOriginalMessage()
                    .setHeader(HubHeaders.FAILURE, method("provisioner", "refused")).id("provisioning-refused")
                    .to("micrometer:counter:hub.provisioning.failed").id("count-provisioning-refused")
                    .to(ExchangePattern.InOnly, "direct:dead-letter").id("dead-letter-refused")
                .end()
                .onException(TargetUnavailableException.class).onWhen(method("vendorRetry", "honoursRetryAfter"))
                .handled(true).useOriginalMessage().bean("vendorRetry", "reschedule").id("target-retry-after")
                .to(HubComponents.JMS + ":queue:" + HubQueues.PROVISIONING).id("target-retry-later")
                .end()
                .onException(Exception.class).onWhen(method("lastAttempt", "isLast")).handled(true).useOriginalMessage()
                    .setHeader(HubHeaders.FAILURE, method("provisioner", "failed")).id("provisioning-given-up")
                    .to("micrometer:counter:hub.provisioning.failed").id("count-provisioning-given-up")
                    .to(ExchangePattern.InOnly, "direct:dead-letter").id("dead-letter-provisioning")
                .end()
                .onException(Exception.class).setHeader(HubHeaders.FAILURE, method("provisioner", "failed")).id("provisioning-attempt-failed");

        // a webhook subscriber that does not take an event: rolled back for the broker's schedule (hub.subscriber.# in
        // hub-broker.xml: 5 s growing to 10 h); the last attempt is dead-lettered by the hub with the reason, for replay
        routeConfiguration(SUBSCRIBER)
                .onException(Exception.class).onWhen(method("lastAttempt", "isLast")).handled(true).useOriginalMessage()
                    .setHeader(HubHeaders.FAILURE, method("subscriberDelivery", "givenUp")).id("subscriber-given-up")
                    .to(ExchangePattern.InOnly, "direct:dead-letter").id("dead-letter-subscriber")
                .end();
    }
}
