package org.wifionboarding.hub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.wifionboarding.hub.model.BookingEvent;

/**
 * Vendor knowledge for one booking source: its schema, how its events are told apart, what a thin
 * event asks us to fetch, and how vendor JSON becomes canonical {@link BookingEvent}s.
 * Implementations are plain functions over Jackson trees.
 */
public interface BookingSourceMapper {

    /** The source name used in {@code /webhooks/{source}} and {@code hub.sources.<source>.*}. */
    String source();

    /** The JSON schema for the webhook body, as a classpath resource. */
    default String schemaResource() {
        return "schemas/" + source() + ".json";
    }

    /** The source's own event id, where it sends one; otherwise the hub de-duplicates on a hash of the body. */
    Optional<String> sourceEventId(JsonNode payload);

    /**
     * Whether webhooks are de-duplicated (the default). A source whose notifications carry no id and no time
     * (Eventbrite's "order X changed") answers false: every notification fetches the current state, which
     * is idempotent, and a second change must not be taken for a repeat of the first.
     */
    default boolean deduplicates() {
        return true;
    }

    /** What a thin webhook names (ids to fetch) and how many of its entries the hub ignores. */
    default Notification inspect(JsonNode payload) {
        return Notification.FAT;
    }

    /**
     * Maps one accepted webhook (and, for thin sources, what was fetched for it) to canonical events.
     *
     * @param hubEventId the id the hub gave the webhook at ingest; canonical event ids derive from it
     * @param enrichment what the source's connector fetched for {@link #inspect}'s ids, or null
     * @throws org.wifionboarding.hub.model.InvalidBookingException when the payload cannot be mapped
     */
    List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode enrichment);

    /**
     * Maps a webhook entry by entry: an entry that cannot be mapped is refused on its own (it becomes one review
     * item) while the others proceed. The default treats the webhook as one entry; sources whose webhooks name
     * several bookings (Mews) map each on its own.
     */
    default Mapped mapEach(String hubEventId, JsonNode payload, JsonNode enrichment) {
        try {
            return new Mapped(map(hubEventId, payload, enrichment), List.of());
        } catch (org.wifionboarding.hub.model.InvalidBookingException refused) {
            return new Mapped(List.of(), List.of(new Refusal("$", refused)));
        }
    }

    /** What an entry-by-entry mapping made: the events, and the entries refused with why. */
    record Mapped(List<BookingEvent> events, List<Refusal> refused) {
    }

    /** One entry that cannot become a booking event: which (the vendor's id for it), and why. */
    record Refusal(String entity, org.wifionboarding.hub.model.InvalidBookingException reason) {
    }

    /** What a webhook asks the hub to fetch. */
    record Notification(List<String> entityIds, int ignored) {
        public static final Notification FAT = new Notification(List.of(), 0);

        public boolean thin() {
            return !entityIds.isEmpty();
        }
    }
}
