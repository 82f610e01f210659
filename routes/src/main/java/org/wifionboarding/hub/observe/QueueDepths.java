package org.wifionboarding.hub.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.broker.HubQueues;

/**
 * How many messages wait in each of the hub's queues and their dead-letter queues, asked of the broker itself through
 * Artemis' management address ({@code activemq.management}, a {@code messageCount} attribute read): the same for the
 * embedded broker and an external one (whose {@code hub} role has {@code manage}), and cheap however deep a queue is.
 * Measured on a timer ({@code hub.metrics.queue-interval-ms}), published as the gauges {@code hub.queue.messages{queue}}
 * (every message in the queue), {@code hub.queue.scheduled{queue}} (those of them held for a later time: a delivery due a
 * day before arrival, an activation at check-in; the backlog of work waiting now is the difference) and
 * {@code hub.dead.letters{queue}}; a queue the broker cannot count reads NaN.
 */
public final class QueueDepths {

    private static final Logger LOG = LoggerFactory.getLogger(QueueDepths.class);
    private static final long TIMEOUT_MS = 5_000;

    private final ConnectionFactory connections;
    private final List<String> queues;
    private final Supplier<MeterRegistry> meters;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> scheduled = new ConcurrentHashMap<>();
    private volatile boolean registered;
    private volatile boolean warned;

    public QueueDepths(ConnectionFactory connections, List<String> queues, Supplier<MeterRegistry> meters) {
        this.connections = connections;
        this.queues = List.copyOf(queues);
        this.meters = meters;
    }

    /** Asks the broker for every queue's depth and its dead letters' (one request each, on one connection). */
    public void measure() {
        register();
        try {
            BrokerManagement.with(connections, TIMEOUT_MS, management -> {
                for (String queue : queues) {
                    long messages = count(management, queue, "messageCount");
                    long held = count(management, queue, "scheduledCount");
                    depth(queue).set(messages);   // both read first: a queue's two gauges come from one reading
                    scheduled(queue).set(held);
                    depth(HubQueues.deadLetterQueue(queue)).set(count(management, HubQueues.deadLetterQueue(queue), "messageCount"));
                }
                return null;
            });
            warned = false;
        } catch (JMSException | RuntimeException e) {
            depths.values().forEach(d -> d.set(Long.MIN_VALUE));
            scheduled.values().forEach(d -> d.set(Long.MIN_VALUE));
            if (!warned) {
                warned = true;
                LOG.warn("queue depths could not be read from the broker: {}", e.toString());
            }
        }
    }

    private static long count(BrokerManagement management, String queue, String attribute) throws JMSException {
        BrokerManagement.Answer answer = management.attribute(ResourceNames.QUEUE + queue, attribute);
        // not there (no dead letter yet), refused, or unreadable
        return answer != null && answer.succeeded() && answer.result() instanceof Number number ? number.longValue() : Long.MIN_VALUE;
    }

    private AtomicLong scheduled(String queue) {
        return scheduled.computeIfAbsent(queue, q -> new AtomicLong(Long.MIN_VALUE));
    }

    private AtomicLong depth(String queue) {
        return depths.computeIfAbsent(queue, q -> new AtomicLong(Long.MIN_VALUE));
    }

    private void register() {
        MeterRegistry registry = meters.get();
        if (registered || registry == null) {
            return;
        }
        for (String queue : queues) {
            AtomicLong depth = depth(queue);
            Gauge.builder("hub.queue.messages", depth, QueueDepths::value).tag("queue", queue).register(registry);
            Gauge.builder("hub.queue.scheduled", scheduled(queue), QueueDepths::value).tag("queue", queue).register(registry);
            AtomicLong dead = depth(HubQueues.deadLetterQueue(queue));
            Gauge.builder("hub.dead.letters", dead, QueueDepths::value).tag("queue", queue).register(registry);
        }
        registered = true;
    }

    private static double value(AtomicLong depth) {
        long value = depth.get();
        return value == Long.MIN_VALUE ? Double.NaN : value;
    }
}
