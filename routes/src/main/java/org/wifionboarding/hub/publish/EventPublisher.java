package org.wifionboarding.hub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;

/**
 * The publish stage: numbers a candidate event within its booking, keeps one per transition ({@link EventLog}), and
 * makes the messages that carry it: one on the topic {@code hub.events} (never personal data) and one on the queue of
 * each subscriber that wants it (with the guest's contact data only for a subscriber configured for it).
 */
public final class EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    /** One message to send: where ({@code topic:…} or {@code queue:…}), the payload, its headers. */
    public record Outgoing(String destination, String payload, Map<String, Object> headers) {
    }

    private final EventLog log;
    private final Subscribers subscribers;
    private final VenueDirectory venues;
    private final BookingStore store;
    private final AtRestCipher cipher;
    private final Clock clock;

    public EventPublisher(EventLog log, Subscribers subscribers, VenueDirectory venues, BookingStore store, AtRestCipher cipher, Clock clock) {
        this.log = log;
        this.subscribers = subscribers;
        this.venues = venues;
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    public List<Outgoing> publish(String candidateJson, @Header("JMSMessageID") String messageId) throws IOException {
        JsonNode c = Json.MAPPER.readTree(candidateJson);
        EventType type = EventType.of(c.path("type").asText()).orElseThrow(() -> new IllegalArgumentException("unknown event type"));
        String source = c.path("source").asText();
        String bookingId = c.path("bookingId").asText();
        String venue = c.path("venue").asText();
        EventLog.Recorded recorded = log.record(source, bookingId, type, c.path("key").asText(), messageId, clock.instant());
        if (recorded == null) {
            return List.of();   // announced before, by another message
        }
        ObjectNode event = event(c, type, recorded, venue);
        BookingRef ref = BookingRef.of(source, bookingId);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HubHeaders.SOURCE, source);
        headers.put(HubHeaders.BOOKING_ID, bookingId);
        headers.put(HubHeaders.GROUP_ID, ref.toString());
        headers.put(HubHeaders.EVENT_TYPE, type.wireName());
        headers.put(HubHeaders.VENUE, venue);
        headers.put(HubHeaders.WEBHOOK_ID, recorded.webhookId());
        headers.put(HubHeaders.EVENT_SEQUENCE, recorded.seq());
        List<Outgoing> out = new ArrayList<>();
        out.add(new Outgoing("topic:" + HubQueues.EVENTS_TOPIC, event.toString(), Map.copyOf(headers)));
        String withGuest = null;
        for (Subscriber s : subscribers.all()) {
            if (!s.wants(type, venue)) {
                continue;
            }
            Map<String, Object> h = new LinkedHashMap<>(headers);
            h.put(HubHeaders.EVENT_PREVIOUS, recorded.previous(t -> s.wants(t, venue)));
            String payload = event.toString();
            if (s.personalData()) {
                if (withGuest == null) {
                    withGuest = withGuest(event, source, bookingId);
                }
                payload = withGuest;
            }
            out.add(new Outgoing("queue:" + s.queue(), payload, h));
        }
        LOG.debug("event {} #{} of booking {} published to {} destinations", type.wireName(), recorded.seq(), ref, out.size());
        return out;
    }

    /** Puts one outgoing message on the exchange: its payload, its headers, where it goes. */
    public void prepare(Exchange exchange) {
        Outgoing o = exchange.getMessage().getBody(Outgoing.class);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().getHeaders().putAll(o.headers());
        exchange.getMessage().setBody(o.payload());
        exchange.setProperty(HubHeaders.EVENT_DESTINATION, o.destination());
    }

    private ObjectNode event(JsonNode c, EventType type, EventLog.Recorded recorded, String venue) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", type.wireName()).put("timestamp", recorded.occurredAt().toString());
        ObjectNode data = event.putObject("data");
        data.put("id", recorded.webhookId()).put("sequence", recorded.seq());
        data.putObject("booking").put("ref", BookingRef.of(c.path("source").asText(), c.path("bookingId").asText()).toString())
                .put("source", c.path("source").asText()).put("bookingId", c.path("bookingId").asText());
        data.put("venue", venue).put("state", c.path("state").asText());
        if (c.hasNonNull("validFrom") && c.hasNonNull("validUntil")) {
            ZoneId zone = venues.venue(venue).times().zone();
            ObjectNode window = data.putObject("window");
            Instant from = Instant.parse(c.path("validFrom").asText());
            Instant until = Instant.parse(c.path("validUntil").asText());
            window.put("validFrom", from.toString()).put("validUntil", until.toString()).put("zone", zone.getId())
                    .put("localFrom", from.atZone(zone).toOffsetDateTime().toString()).put("localUntil", until.atZone(zone).toOffsetDateTime().toString());
        }
        if (c.hasNonNull("channel")) {
            data.put("channel", c.path("channel").asText());
        }
        if (c.hasNonNull("firstConnectedAt")) {
            data.put("firstConnectedAt", c.path("firstConnectedAt").asText());
        }
        return event;
    }

    private String withGuest(ObjectNode event, String source, String bookingId) {
        ObjectNode copy = event.deepCopy();
        Booking b = store.find(source, bookingId).orElse(null);
        if (b == null || b.guestEnc == null) {
            return copy.toString();   // purged or erased: nothing personal is left to send
        }
        try {
            Guest guest = Json.MAPPER.readValue(cipher.decrypt(b.guestEnc), Guest.class);
            ObjectNode g = ((ObjectNode) copy.path("data")).putObject("guest");
            g.put("name", guest.displayName()).put("email", guest.email()).put("phone", guest.phone()).put("language", guest.language());
        } catch (IOException unreadable) {
            LOG.warn("guest data of booking {}:{} unreadable: event sent without it", source, bookingId);
        }
        return copy.toString();
    }
}
