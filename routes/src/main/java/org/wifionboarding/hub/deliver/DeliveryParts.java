package org.wifionboarding.hub.deliver;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.LastAttempt;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.observe.HubMeters;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.BookingStore;

/**
 * What the delivery steps share: the booking store and the hub's parts they read, the meters they count on, and the
 * broker's attempts (to tell the last one). The steps, each a bean of its own: {@link DeliveryDispatch},
 * {@link ChannelSend}, {@link DeliveryFailures}, {@link StatusCallbacks}, {@link Resends}.
 */
public record DeliveryParts(BookingStore store, VenueDirectory venues, ChannelRegistry channels, AtRestCipher cipher, Clock clock, HubMeters meters,
                            LastAttempt lastAttempt) {

    /** how often a send interrupted by a crash is taken over before the front desk is asked to help */
    static final int MAX_TAKEOVERS = 3;

    /** Which delivery a message is about. */
    public record Ticket(String source, String bookingId, int token) {
    }

    static Ticket ticket(Exchange exchange) {
        return new Ticket(exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class), exchange.getMessage().getHeader(HubHeaders.BOOKING_ID, String.class),
                exchange.getMessage().getHeader(HubHeaders.DELIVERY_TOKEN, Integer.class));
    }

    /** The channel of the send under way: the property a prepared SMS or push carries, the consumed header, or email. */
    static String channelOf(Exchange exchange) {
        String channel = exchange.getProperty(HubHeaders.CHANNEL, String.class);
        if (channel == null) {
            channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        }
        return channel == null ? ChannelRegistry.EMAIL : channel;
    }
}
