package org.wifionboarding.hub.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.wifionboarding.hub.connect.auth.WebhookAuthenticator;

/**
 * The I/O side of a booking source: how its webhooks authenticate and, for thin webhooks, how the
 * booking is fetched (a content enricher). The mapping side is the source's mapper in transforms.
 */
public interface SourceConnector {

    String source();

    WebhookAuthenticator authenticator();

    /** The venue this source's bookings belong to when configured, else null (the payload's venue id counts). */
    default String venue() {
        return null;
    }

    /**
     * Checks what only configuration can tell before the webhook is accepted (Eventbrite: that {@code api_url}
     * is the Eventbrite API, never another host); throws {@code InvalidBookingException} naming the field (400).
     */
    default void validate(JsonNode payload) {
    }

    /**
     * Whether the source may send {@code application/x-www-form-urlencoded} (a Zapier zap with payload type
     * "form"); the hub turns the form into JSON, nesting {@code a__b} (or {@code a.b}) keys, before validating it.
     */
    default boolean acceptsForm() {
        return false;
    }

    /**
     * For sources with an API: the bookings that changed in {@code [from, to)}, with their version, so that
     * reconciliation can feed the changes no webhook brought. Empty for sources without one.
     */
    default java.util.Optional<Reconciliation> reconciliation() {
        return java.util.Optional.empty();
    }

    /** What reconciliation needs from a source's API. */
    interface Reconciliation {

        /** The bookings updated in the window, with the version the source gives them (its updated-at). */
        List<Change> changedBetween(java.time.Instant from, java.time.Instant to);

        /** A webhook body, in the source's own shape, naming these bookings: it takes the normal path from there. */
        JsonNode notification(List<String> bookingIds);
    }

    /**
     * For sources without webhooks (OPERA Cloud's business events): a poller that reads events after a
     * cursor. Each event then takes the webhook path (schema, de-duplication, {@code hub.inbound}).
     */
    default java.util.Optional<Poller> poller() {
        return java.util.Optional.empty();
    }

    /** Reads one page of events after the cursor (null: from the start the source keeps). */
    interface Poller {
        Page poll(String cursor);
    }

    /** Events in order, the cursor after the last of them, and whether more are waiting. */
    record Page(List<JsonNode> events, String cursor, boolean more) {
    }

    /**
     * A booking the source's API reports as changed, and its version in the form the source's mapper gives
     * bookings; null when the source's API offers none comparable. Without a version, reconciliation feeds the
     * bookings the hub has never seen and, when the API says what state the booking is in ({@code type}), those
     * whose credential does not match it (a lost check-in, check-out or cancellation).
     */
    record Change(String bookingId, String version, org.wifionboarding.hub.model.EventType type) {
        public Change(String bookingId, String version) {
            this(bookingId, version, null);
        }
    }

    /**
     * Fetches what a thin webhook names, in the shape the source's mapper reads.
     *
     * @throws SourceUnavailableException when the vendor cannot answer now (5xx, timeout, 429)
     */
    default JsonNode fetch(List<String> entityIds) {
        throw new UnsupportedOperationException(source() + " sends fat webhooks; there is nothing to fetch");
    }
}
