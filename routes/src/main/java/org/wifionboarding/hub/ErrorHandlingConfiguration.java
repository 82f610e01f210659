package org.wifionboarding.hub;

import jakarta.mail.MessagingException;
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
    public static final String CONSUMER = "transacted-consumer";
    public static final String SOURCE_RETRY = "source-retry";
    public static final String SMTP = "smtp-replies";
    public static final String PROVISIONING = "provisioning-failures";

    @Override
    public void configuration() throws Exception {
        routeConfiguration(HTTP)
                .onException(Exception.class).handled(true).bean("webhookProblems", "answer");

        routeConfiguration(CONSUMER)
                .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhaustedMessageHistory(false)
                        .logExhaustedMessageBody(false).logStackTrace(false).logHandled(false))
                .onException(InvalidBookingException.class).handled(true).bean("consumerReview", "keep");

        routeConfiguration(SOURCE_RETRY)
                .onException(SourceUnavailableException.class).onWhen(method("sourceRetry", "honoursRetryAfter"))
                .handled(true).useOriginalMessage().bean("sourceRetry", "reschedule").to("jms:queue:hub.inbound");

        routeConfiguration(SMTP)
                .onException(MessagingException.class).onWhen(method("credentialDelivery", "permanent"))
                .handled(true).bean("credentialDelivery", "failedForGood").end()
                .onException(Exception.class).bean("credentialDelivery", "retryLater");

        routeConfiguration(PROVISIONING)
                .onException(Exception.class).bean("provisioner", "failed");
    }
}
