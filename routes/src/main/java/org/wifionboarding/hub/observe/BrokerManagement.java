package org.wifionboarding.hub.observe;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Requests to Artemis' management address ({@code activemq.management}) over one connection, answered on a temporary
 * queue: the same for the embedded broker and an external one whose {@code hub} role has {@code manage}.
 */
public final class BrokerManagement {

    /** What a request got: whether the broker did it, and its result (or its reason for refusing). */
    public record Answer(boolean succeeded, Object result) {
    }

    /** The requests made within one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(BrokerManagement management) throws JMSException;
    }

    private final Session session;
    private final MessageProducer producer;
    private final MessageConsumer answers;
    private final TemporaryQueue replies;
    private final long timeoutMs;

    private BrokerManagement(Session session, MessageProducer producer, MessageConsumer answers, TemporaryQueue replies, long timeoutMs) {
        this.session = session;
        this.producer = producer;
        this.answers = answers;
        this.replies = replies;
        this.timeoutMs = timeoutMs;
    }

    public static <T> T with(ConnectionFactory connections, long timeoutMs, Work<T> work) throws JMSException {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(session.createQueue("activemq.management"));
                 MessageConsumer answers = session.createConsumer(replies)) {
                return work.run(new BrokerManagement(session, producer, answers, replies, timeoutMs));
            } finally {
                replies.delete();
            }
        }
    }

    /** Reads an attribute of a resource ({@code ResourceNames.QUEUE + name}); null when the broker did not answer in time. */
    public Answer attribute(String resource, String attribute) throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, resource, attribute);
        return ask(request);
    }

    /** Invokes an operation of a resource ({@code ResourceNames.BROKER}); null when the broker did not answer in time. */
    public Answer invoke(String resource, String operation, Object... parameters) throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putOperationInvocation(request, resource, operation, parameters);
        return ask(request);
    }

    private Answer ask(Message request) throws JMSException {
        request.setJMSReplyTo(replies);
        producer.send(request);
        Message reply = answers.receive(timeoutMs);
        if (reply == null) {
            return null;
        }
        Object result;
        try {
            result = JMSManagementHelper.getResult(reply);
        } catch (Exception unreadable) {
            result = null;
        }
        return new Answer(JMSManagementHelper.hasOperationSucceeded(reply), result);
    }
}
