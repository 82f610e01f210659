package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;

/**
 * Dead letters through the admin API, over JMS, so they work the same on the embedded broker and on an external
 * one: how many each queue holds, what they are (booking, reason, when; never a body, which may carry guest data),
 * replay to the queue they came from, purge. Replaces replay through Jolokia, which the management port no longer
 * allows (it is read-only).
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** The most messages one call lists, counts, replays or purges. */
    static final int LIMIT = 10_000;

    private final ConnectionFactory connections;

    private org.wifionboarding.hub.store.AuditLog audit;

    /** Where replays and purges are recorded (the hub's admin audit). */
    public DeadLetters audit(org.wifionboarding.hub.store.AuditLog audit) {
        this.audit = audit;
        return this;
    }

    public DeadLetters(ConnectionFactory connections) {
        this.connections = connections;
    }

    private List<String> queues = HubQueues.consumed();

    /** The hub's queues and the webhook subscribers' ({@code hub.subscriber.<name>}), whose dead letters are {@code DLQ.<queue>}. */
    public DeadLetters subscriberQueues(List<String> subscriberQueues) {
        List<String> all = new java.util.ArrayList<>(HubQueues.consumed());
        all.addAll(subscriberQueues);
        this.queues = List.copyOf(all);
        return this;
    }

    List<String> queues() {
        return queues;
    }

    private String queueOf(Exchange exchange) {
        String queue = exchange.getMessage().getHeader("queue", String.class);
        if (queue == null || !queues().contains(queue)) {
            throw new WebhookRejection(Problem.of(404, "Not found", "no dead letters for that queue (one of " + queues() + ")"), false);
        }
        return queue;
    }

    /** Artemis' fully qualified name of a dead-letter queue: {@code DLQ.<queue>} under the dead-letter address. */
    private static String deadLetterQueue(String queue) {
        return HubQueues.DEAD_LETTER_ADDRESS + "::" + HubQueues.deadLetterQueue(queue);
    }

    /** {@code GET /api/dead-letters}: per queue, how many messages its dead-letter queue holds. */
    public void counts(Exchange exchange) throws JMSException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("queues");
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : queues()) {
                list.addObject().put("queue", queue).put("deadLetterQueue", HubQueues.deadLetterQueue(queue))
                        .put("messages", browse(session, queue).size());
            }
        }
        respond(exchange, 200, body);
    }

    /** {@code GET /api/dead-letters/{queue}}: each message's id, booking, event, reason and times. */
    public void list(Exchange exchange) throws JMSException {
        String queue = queueOf(exchange);
        ObjectNode body = Json.MAPPER.createObjectNode().put("queue", queue);
        ArrayNode messages = body.putArray("messages");
        try (Connection connection = connections.createConnection()) {
            connection.start();
            for (Message message : browse(connection.createSession(false, Session.AUTO_ACKNOWLEDGE), queue)) {
                ObjectNode item = messages.addObject().put("id", message.getJMSMessageID());
                String source = message.getStringProperty(HubHeaders.SOURCE);
                String booking = message.getStringProperty(HubHeaders.BOOKING_ID);
                item.put("bookingRef", source == null || booking == null ? null : org.wifionboarding.hub.BookingRef.of(source, booking).toString());
                item.put("eventId", message.getStringProperty(HubHeaders.EVENT_ID));
                item.put("reason", message.getStringProperty(HubHeaders.FAILURE));
                item.put("firstSent", message.getJMSTimestamp() == 0 ? null : Instant.ofEpochMilli(message.getJMSTimestamp()).toString());
            }
        }
        respond(exchange, 200, body);
    }

    /** {@code POST /api/dead-letters/{queue}/replay[?id=]}: back to the queue they came from, in one transaction. */
    public void replay(Exchange exchange) throws JMSException {
        String queue = queueOf(exchange);
        int moved = take(queue, exchange.getMessage().getHeader("id", String.class), (session, messages) -> {
            List<Dead> dead = new ArrayList<>();
            for (Message message : messages) {
                String group = message.getStringProperty(HubHeaders.GROUP_ID);
                Long sequence = message.propertyExists(HubHeaders.EVENT_SEQUENCE) ? message.getLongProperty(HubHeaders.EVENT_SEQUENCE) : null;
                dead.add(new Dead(message, group, sequence));
            }
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                for (Dead d : inBookingOrder(dead)) {
                    producer.send(copy(session, d.message()));
                }
            }
        });
        audit.record(org.wifionboarding.hub.store.AuditLog.ADMIN, "replay-dead-letters", queue, moved + " message(s)");
        respond(exchange, 200, Json.MAPPER.createObjectNode().put("queue", queue).put("replayed", moved));
    }

    /** {@code DELETE /api/dead-letters/{queue}[?id=]}: removed for good. */
    public void purge(Exchange exchange) throws JMSException {
        String queue = queueOf(exchange);
        int removed = take(queue, exchange.getMessage().getHeader("id", String.class), (session, messages) -> { });
        audit.record(org.wifionboarding.hub.store.AuditLog.ADMIN, "purge-dead-letters", queue, removed + " message(s)");
        respond(exchange, 200, Json.MAPPER.createObjectNode().put("queue", queue).put("purged", removed));
    }

    /** What happens to the dead letters taken, inside the transaction that takes them. */
    @FunctionalInterface
    private interface Taken {
        void accept(Session session, List<Message> messages) throws JMSException;
    }

    /** A dead letter with what orders it: its booking (message group) and, for a published event, its number in the booking. */
    record Dead(Message message, String group, Long sequence) {
    }

    /**
     * The dead letters in the order to send them again: each booking's events by their number, the booking where its
     * first dead letter stood; everything else as it came. A subscriber's dead-letter queue holds a booking's events in
     * the order each was given up, not the booking's (a later event waits for its predecessor and can be given up
     * first); replayed in that order, each event met before its predecessor spends an attempt waiting for it, and the
     * last of a long chain could be dead-lettered again.
     */
    static List<Dead> inBookingOrder(List<Dead> taken) {
        java.util.Map<String, Integer> firstAt = new java.util.HashMap<>();
        record Keyed(Dead dead, int at, long sequence) {
        }
        List<Keyed> keyed = new ArrayList<>();
        for (int i = 0; i < taken.size(); i++) {
            Dead d = taken.get(i);
            boolean numbered = d.group() != null && d.sequence() != null;
            int index = i;
            int at = numbered ? firstAt.computeIfAbsent(d.group(), g -> index) : index;
            keyed.add(new Keyed(d, at, numbered ? d.sequence() : 0));
        }
        keyed.sort(java.util.Comparator.comparingInt(Keyed::at).thenComparingLong(Keyed::sequence));
        return keyed.stream().map(Keyed::dead).toList();
    }

    /** Consumes a queue's dead letters (all, or the one with this id) in one transaction, all handed to {@code each}; how many. */
    private int take(String queue, String id, Taken each) throws JMSException {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            List<Message> messages = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(deadLetterQueue(queue)), selector(id))) {
                Message message;
                while (messages.size() < LIMIT && (message = consumer.receive(200)) != null) {
                    messages.add(message);
                }
                each.accept(session, messages);
            }
            session.commit();
            return messages.size();
        }
    }

    private static String selector(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        if (!id.matches("ID:[A-Za-z0-9-]{1,100}")) {
            throw new WebhookRejection(Problem.of(400, "Bad request", "id must be a message id as listed (ID:...)"), false);
        }
        return "JMSMessageID = '" + id + "'";
    }

    private static List<Message> browse(Session session, String queue) throws JMSException {
        List<Message> messages = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(deadLetterQueue(queue)))) {
            Enumeration<?> all = browser.getEnumeration();
            while (all.hasMoreElements() && messages.size() < LIMIT) {
                messages.add((Message) all.nextElement());
            }
        }
        return messages;
    }

    /** The message as first sent: same body and hub headers and group, without the broker's dead-letter and duplicate marks. */
    private static Message copy(Session session, Message dead) throws JMSException {
        Message copy = dead instanceof TextMessage text ? session.createTextMessage(text.getText()) : session.createMessage();
        for (Object name : Collections.list(dead.getPropertyNames())) {
            String property = (String) name;
            if (property.startsWith("_AMQ") || property.startsWith("JMSX") && !property.equals(HubHeaders.GROUP_ID)) {
                continue;
            }
            copy.setObjectProperty(property, dead.getObjectProperty(property));
        }
        String group = dead.getStringProperty(HubHeaders.GROUP_ID);
        if (group != null) {
            copy.setStringProperty(HubHeaders.GROUP_ID, group);   // the booking's order, as before
        }
        return copy;
    }

    private static void respond(Exchange exchange, int status, ObjectNode body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }
}
