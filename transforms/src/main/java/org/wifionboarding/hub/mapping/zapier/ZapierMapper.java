package org.wifionboarding.hub.mapping.zapier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.mapping.generic.GenericMapper;
import org.wifionboarding.hub.model.BookingEvent;

/**
 * Zapier ("Webhooks by Zapier"): the generic contract ({@code schemas/generic.json}) under its own source
 * name and token, so a zap's bookings are kept apart from other senders'. A zap may send the fields as a
 * form ({@code guest__email=...}); the hub turns the form into the same JSON before validating it.
 */
public final class ZapierMapper implements BookingSourceMapper {

    private final GenericMapper generic = new GenericMapper();

    @Override
    public String source() {
        return "zapier";
    }

    @Override
    public String schemaResource() {
        return generic.schemaResource();
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return generic.sourceEventId(payload);
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode enrichment) {
        return generic.map(hubEventId, payload, enrichment).stream()
                .map(e -> new BookingEvent(e.eventId(), source(), e.sourceEventId(), e.type(), e.occurredAt(), e.sourceVersion(), e.venueId(),
                        e.bookingId(), e.kind(), e.arrival(), e.departure(), e.room(), e.guest()))
                .toList();
    }
}
