package org.wifionboarding.hub;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;

/**
 * Tells a consumer which broker delivery of its message this is ({@code JMSXDeliveryCount}, which Camel does
 * not copy into headers) and whether it is the last the broker allows: on the last one the route records the
 * failure where people look (the booking) and dead-letters the message itself, with the reason attached, which
 * the broker's own dead-lettering could not add. After a crash the count can be one lower than the truth (the
 * interrupted delivery was not yet counted on disk): a message then gets one more attempt, never fewer.
 */
public final class LastAttempt {


    private final int maxAttempts;

    /** @param maxAttempts the broker's {@code max-delivery-attempts} for {@code hub.#} */
    public LastAttempt(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public void note(Exchange exchange) throws JMSException {
        JmsMessage message = exchange.getIn(JmsMessage.class);
        if (message != null && message.getJmsMessage() != null) {
            exchange.setProperty(HubHeaders.BROKER_ATTEMPT, message.getJmsMessage().getIntProperty("JMSXDeliveryCount"));
            Destination from = message.getJmsMessage().getJMSDestination();
            if (from instanceof Queue queue) {
                exchange.setProperty(HubHeaders.CONSUMED_FROM, queue.getQueueName());
            }
        }
    }

    public boolean isLast(Exchange exchange) {
        return isLast(attempt(exchange));
    }

    /** Whether broker delivery number {@code attempt} is the last the broker allows. */
    public boolean isLast(int attempt) {
        return attempt >= maxAttempts;
    }

    public int attempt(Exchange exchange) {
        return exchange.getProperty(HubHeaders.BROKER_ATTEMPT, 1, Integer.class);
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
