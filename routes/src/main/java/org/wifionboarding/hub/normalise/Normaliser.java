package org.wifionboarding.hub.normalise;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.ingest.WebhookIntake;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.store.IngestLedger;

/**
 * Turns one accepted webhook into canonical booking events: drops it if another event owns its
 * de-duplication key, fetches what a thin webhook names (content enricher), maps with the source's
 * mapper and applies the source's configured venue.
 */
public final class Normaliser {

    private static final Logger LOG = LoggerFactory.getLogger(Normaliser.class);

    private final SourceRegistry sources;
    private final IngestLedger ledger;
    private final org.wifionboarding.hub.ingest.SchemaDrift drift;
    private final org.wifionboarding.hub.store.ReviewStore review;

    public Normaliser(SourceRegistry sources, IngestLedger ledger, org.wifionboarding.hub.ingest.SchemaDrift drift,
                      org.wifionboarding.hub.store.ReviewStore review) {
        this.review = review;
        this.drift = drift;
        this.sources = sources;
        this.ledger = ledger;
    }

    /** One canonical event on its way to {@code hub.booking-events}, with its ordering group. */
    public record CanonicalMessage(String groupId, String eventId, String json) {
    }

    /** Replaces the body with the canonical events (possibly none). */
    public void normalise(Exchange exchange) throws IOException {
        String sourceName = exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class);
        String eventId = exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class);
        String key = exchange.getMessage().getHeader(HubHeaders.DEDUPE_KEY, String.class);
        List<CanonicalMessage> events = new ArrayList<>();
        exchange.getMessage().setHeader(HubHeaders.IGNORED_ENTRIES, 0);
        exchange.getMessage().setHeader(HubHeaders.RECONCILED_MISS, 0);
        boolean reconciled = "reconciliation".equals(exchange.getMessage().getHeader(HubHeaders.ORIGIN, String.class));
        // every copy of an event has the same id (EventIdentity), so the key names another id only for an event
        // accepted before ids were derived from keys; a second copy of the same id goes on, and lifecycle applies it once
        String owner = ledger.claim(sourceName, key, eventId);
        if (!owner.equals(eventId)) {
            LOG.info("event {} from {} duplicates event {}: dropped", eventId, sourceName, owner);
            exchange.getMessage().setBody(events);
            return;
        }
        SourceRegistry.Source source = sources.enabled(sourceName);
        if (source == null) {
            throw new IllegalStateException("source " + sourceName + " is disabled; event " + eventId + " waits for it in the dead-letter queue");
        }
        BookingSourceMapper mapper = source.mapper();
        JsonNode payload = Json.MAPPER.readTree(exchange.getMessage().getBody(byte[].class));
        BookingSourceMapper.Notification notification = mapper.inspect(payload);
        JsonNode enrichment = notification.thin() ? source.connector().fetch(notification.entityIds()) : null;
        BookingSourceMapper.Mapped mapped = mapper.mapEach(eventId, payload, enrichment);
        if (mapped.events().isEmpty() && !mapped.refused().isEmpty() && mapped.refused().size() == 1 && "$".equals(mapped.refused().get(0).entity())) {
            throw mapped.refused().get(0).reason();   // the whole webhook: one review item, as before
        }
        for (BookingSourceMapper.Refusal refusal : mapped.refused()) {
            // one entry that cannot become a booking is one review item; the webhook's other entries go on
            review.keep(sourceName, eventId, 422, "Unmappable entry " + refusal.entity() + "; " + refusal.reason().field() + ": "
                    + refusal.reason().reason(), exchange.getMessage().getBody(byte[].class));
            LOG.warn("event {} from {}: entry {} cannot become a booking ({}): kept for review", eventId, sourceName,
                    refusal.entity().replaceAll("[^\\w.:@-]", "?"), refusal.reason().field());
        }
        for (BookingEvent event : mapped.events()) {
            BookingEvent placed = source.connector().venue() != null ? event.withVenueId(source.connector().venue()) : event;
            events.add(new CanonicalMessage(placed.bookingKey(), placed.eventId(), Json.MAPPER.writeValueAsString(placed)));
        }
        exchange.getMessage().setHeader(HubHeaders.IGNORED_ENTRIES, notification.ignored());
        exchange.getMessage().setHeader(HubHeaders.RECONCILED_MISS, reconciled && !events.isEmpty() ? 1 : 0);
        drift.entries(sourceName, events.size() + notification.ignored(), notification.ignored());
        LOG.info("event {} from {} normalised into {} booking event(s), {} entr(ies) ignored", eventId, sourceName, events.size(), notification.ignored());
        exchange.getMessage().setBody(events);
    }
}
