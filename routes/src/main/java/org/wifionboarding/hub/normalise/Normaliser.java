package org.wifionboarding.hub.normalise;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Header;
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

    /**
     * What one accepted webhook became: its canonical events (none for a duplicate or a webhook with nothing to apply),
     * how many of its entries the source's mapper ignored, and whether it was a change reconciliation found missing.
     */
    public record Normalised(List<CanonicalMessage> events, int ignoredEntries, boolean reconciledMiss) {

        public Normalised {
            events = List.copyOf(events);
        }

        static Normalised duplicate() {
            return new Normalised(List.of(), 0, false);
        }
    }

    /**
     * Normalises one accepted webhook; an entry that cannot become a booking is kept for review (422) and the others go
     * on.
     *
     * @param origin {@code reconciliation} for an event reconciliation fed, else null
     * @throws org.wifionboarding.hub.model.InvalidBookingException when the whole webhook cannot become a booking
     */
    public Normalised normalise(@Header(HubHeaders.SOURCE) String sourceName, @Header(HubHeaders.EVENT_ID) String eventId,
            @Header(HubHeaders.DEDUPE_KEY) String key, @Header(HubHeaders.ORIGIN) String origin, @Body byte[] body) throws IOException {
        // every copy of an event has the same id (EventIdentity), so the key names another id only for an event
        // accepted before ids were derived from keys; a second copy of the same id goes on, and lifecycle applies it once
        String owner = ledger.claim(sourceName, key, eventId);
        if (!owner.equals(eventId)) {
            LOG.info("event {} from {} duplicates event {}: dropped", eventId, sourceName, owner);
            return Normalised.duplicate();
        }
        SourceRegistry.Source source = sources.enabled(sourceName);
        if (source == null) {
            throw new IllegalStateException("source " + sourceName + " is disabled; event " + eventId + " waits for it in the dead-letter queue");
        }
        BookingSourceMapper mapper = source.mapper();
        JsonNode payload = Json.MAPPER.readTree(body);
        BookingSourceMapper.Notification notification = mapper.inspect(payload);
        JsonNode enrichment = notification.thin() ? source.connector().fetch(notification.entityIds()) : null;
        BookingSourceMapper.Mapped mapped = mapper.mapEach(eventId, payload, enrichment);
        if (mapped.events().isEmpty() && !mapped.refused().isEmpty() && mapped.refused().size() == 1 && "$".equals(mapped.refused().get(0).entity())) {
            throw mapped.refused().get(0).reason();   // the whole webhook: one review item, as before
        }
        for (BookingSourceMapper.Refusal refusal : mapped.refused()) {
            // one entry that cannot become a booking is one review item; the webhook's other entries go on
            review.keep(sourceName, eventId, 422, "Unmappable entry " + refusal.entity() + "; " + refusal.reason().field() + ": "
                    + refusal.reason().reason(), body);
            LOG.warn("event {} from {}: entry {} cannot become a booking ({}): kept for review", eventId, sourceName,
                    refusal.entity().replaceAll("[^\\w.:@-]", "?"), refusal.reason().field());
        }
        List<CanonicalMessage> events = new ArrayList<>();
        for (BookingEvent event : mapped.events()) {
            BookingEvent placed = source.connector().venue() != null ? event.withVenueId(source.connector().venue()) : event;
            events.add(new CanonicalMessage(placed.bookingKey(), placed.eventId(), Json.MAPPER.writeValueAsString(placed)));
        }
        drift.entries(sourceName, events.size() + notification.ignored(), notification.ignored());
        LOG.info("event {} from {} normalised into {} booking event(s), {} entr(ies) ignored", eventId, sourceName, events.size(), notification.ignored());
        return new Normalised(events, notification.ignored(), "reconciliation".equals(origin) && !events.isEmpty());
    }
}
