package org.wifionboarding.hub.broker;

/** The hub's queues, by the names they have on the broker and in Hawtio. */
public final class HubQueues {
    public static final String INBOUND = "hub.inbound";
    public static final String BOOKING_EVENTS = "hub.booking-events";
    public static final String PROVISIONING = "hub.provisioning";
    public static final String DELIVERY = "hub.delivery";
    /** What the stages say happened to a booking, before it is numbered, de-duplicated and published. */
    public static final String LIFECYCLE_EVENTS = "hub.lifecycle-events";
    /** The multicast address (a JMS topic) every published lifecycle event goes to, for a host's own consumers. */
    public static final String EVENTS_TOPIC = "hub.events";
    /** The prefix of each webhook subscriber's own queue, {@code hub.subscriber.<name>}. */
    public static final String SUBSCRIBER_PREFIX = "hub.subscriber.";
    /** One queue per delivery channel, {@code hub.delivery.<channel>}, each drained at its channel's rate. */
    public static final java.util.List<String> DELIVERY_CHANNELS = java.util.List.of("email", "sms", "push");
    /** The address of the dead-letter queues ({@code DLQ.<queue>}, each filtered on {@code _AMQ_ORIG_ADDRESS}). */
    public static final String DEAD_LETTER_ADDRESS = "DLA";

    private HubQueues() {
    }

    /** Where a queue's messages go after their last delivery attempt. */
    /** Every queue the hub consumes, each with its dead-letter queue ({@link #deadLetterQueue}). */
    public static java.util.List<String> consumed() {
        java.util.List<String> queues = new java.util.ArrayList<>(java.util.List.of(INBOUND, BOOKING_EVENTS, PROVISIONING, DELIVERY,
                LIFECYCLE_EVENTS));
        DELIVERY_CHANNELS.forEach(channel -> queues.add(DELIVERY + "." + channel));
        return java.util.List.copyOf(queues);
    }

    /** The queue of one webhook subscriber (created at start: subscribers are configuration, not broker.xml). */
    public static String subscriber(String name) {
        return SUBSCRIBER_PREFIX + name;
    }

    public static String deadLetterQueue(String queue) {
        return "DLQ." + queue;
    }
}
