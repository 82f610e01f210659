package org.wifionboarding.hub.publish;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.List;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.observe.BrokerManagement;

/**
 * Creates each subscriber's queue and its dead-letter queue on the broker, embedded or external, through Artemis'
 * management address ({@code createQueue}, ignoring one that exists): subscribers are configuration, so their queues
 * cannot be declared in {@code hub-broker.xml} like the stages' queues.
 */
public final class SubscriberQueues {

    private static final long TIMEOUT_MS = 10_000;

    private SubscriberQueues() {
    }

    public static void ensure(ConnectionFactory connections, List<String> queues) {
        if (queues.isEmpty()) {
            return;
        }
        try {
            BrokerManagement.with(connections, TIMEOUT_MS, management -> {
                for (String queue : queues) {
                    create(management, "{\"name\":\"" + queue + "\",\"address\":\"" + queue
                            + "\",\"routing-type\":\"ANYCAST\",\"durable\":true,\"auto-create-address\":true}");
                    create(management, "{\"name\":\"" + HubQueues.deadLetterQueue(queue) + "\",\"address\":\""
                            + HubQueues.DEAD_LETTER_ADDRESS + "\",\"routing-type\":\"MULTICAST\",\"durable\":true,\"auto-create-address\":true,"
                            + "\"filter-string\":\"_AMQ_ORIG_ADDRESS = '" + queue + "'\"}");
                }
                return null;
            });
        } catch (JMSException e) {
            throw new IllegalStateException("cannot create the subscribers' queues on the broker: " + e, e);
        }
    }

    private static void create(BrokerManagement management, String json) throws JMSException {
        BrokerManagement.Answer answer = management.invoke(ResourceNames.BROKER, "createQueue", json, true);
        if (answer == null) {
            throw new IllegalStateException("the broker did not answer createQueue within " + TIMEOUT_MS + " ms");
        }
        if (!answer.succeeded()) {
            throw new IllegalStateException("the broker refused createQueue " + json + ": " + answer.result());
        }
    }
}
