package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import java.util.List;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.ReviewStore;

/** The admin API's answers: a booking with its credential, delivery and timeline (never the passphrase), and the review list. */
public final class AdminApi {

    private final TokenGate gate;
    private final BookingStore bookings;
    private final ReviewStore review;
    private final AtRestCipher cipher;

    private final String pathPrefix;

    private final org.wifionboarding.hub.config.VenueDirectory venues;
    private final org.wifionboarding.hub.store.AuditLog audit;

    /**
     * @param venues for searches by a venue's local arrival day
     * @param pathPrefix {@code hub.http.path-prefix} in its normal form; the OpenAPI document's server URL then carries it
     */
    public AdminApi(String token, BookingStore bookings, ReviewStore review, AtRestCipher cipher,
                    org.wifionboarding.hub.config.VenueDirectory venues, String pathPrefix, org.wifionboarding.hub.store.AuditLog audit) {
        this.audit = audit;
        this.venues = venues;
        this.pathPrefix = pathPrefix;
        this.gate = new TokenGate(token, org.wifionboarding.hub.store.AuditLog.ADMIN, "the admin API needs the bearer token");
        this.bookings = bookings;
        this.review = review;
        this.cipher = cipher;
    }

    /** Bearer token, compared in constant time; 401 otherwise. Request headers go no further. */
    public void authorize(Exchange exchange) {
        gate.authorize(exchange);
    }

    public void booking(Exchange exchange) throws JsonProcessingException {
        String source = exchange.getMessage().getHeader("source", String.class);
        String bookingId = exchange.getMessage().getHeader("bookingId", String.class);
        Booking b = bookings.find(source, bookingId).orElseThrow(() ->
                new WebhookRejection(Problem.of(404, "Not found", "no booking " + bookingId + " from " + source), false));
        ObjectNode view = Json.MAPPER.createObjectNode();
        view.put("source", b.source).put("bookingId", b.bookingId).put("venueId", b.venueId).put("room", b.room).put("kind", b.kind)
                .put("state", b.state.name()).put("username", b.username);
        putInstant(view, "validFrom", b.validFrom);
        putInstant(view, "validUntil", b.validUntil);
        ObjectNode delivery = view.putObject("delivery");
        delivery.put("channel", b.deliveryChannel);
        delivery.put("state", b.deliveryState == null ? null : b.deliveryState.name());
        putInstant(delivery, "scheduledFor", b.deliveryScheduled);
        putInstant(delivery, "sentAt", b.deliverySentAt);
        delivery.put("error", b.deliveryError);
        delivery.put("frontDesk", b.frontDesk);
        delivery.put("remainingChannels", b.deliveryPlan == null ? "" : b.deliveryPlan);
        ArrayNode attempts = delivery.putArray("attempts");
        for (BookingStore.Attempt a : bookings.attempts(source, bookingId)) {
            ObjectNode attempt = attempts.addObject().put("channel", a.channel()).put("at", a.at().toString())
                    .put("providerId", a.providerId()).put("state", a.state()).put("error", a.error());
            attempt.put("token", a.token());
        }
        ObjectNode credential = view.putObject("credential");
        credential.put("kind", b.credentialKind).put("activation", b.activation).put("target", b.target).put("reference", b.targetRef);
        byte[] devices = bookings.devices(source, bookingId);
        if (devices != null) {
            credential.put("devices", DeviceRegistrations.read(cipher, devices).size());   // how many, never which
        }
        BookingStore.Network network = bookings.network(b.username);
        ObjectNode connected = view.putObject("network");   // from RADIUS accounting: when and on how many devices, never which
        putInstant(connected, "firstConnectedAt", network.firstConnectedAt());
        connected.put("devices", network.devices());
        connected.put("openSessions", network.openSessions());
        ObjectNode provisioning = view.putObject("provisioning");
        provisioning.put("target", b.target);
        provisioning.put("state", b.provisioningState);
        provisioning.put("error", b.provisioningError);
        putInstant(provisioning, "at", b.provisionedAt);
        view.set("timeline", Json.MAPPER.valueToTree(bookings.timeline(source, bookingId)));
        respond(exchange, view.toString());
    }

    /** {@code GET /api/openapi.json}: the OpenAPI 3 document of every webhook and admin endpoint (a test keeps it true). */
    public void openApi(Exchange exchange) throws java.io.IOException {
        try (java.io.InputStream in = AdminApi.class.getResourceAsStream(OPENAPI)) {
            ObjectNode document = (ObjectNode) Json.MAPPER.readTree(in);
            if (!pathPrefix.isEmpty()) {
                // the document's paths are relative to its server: under a prefix, the server is the prefix
                document.putArray("servers").addObject().put("url", pathPrefix);
            }
            respond(exchange, document.toString());
        }
    }

    public static final String OPENAPI = "/org/wifionboarding/hub/openapi.json";

    public void review(Exchange exchange) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        int limit = Math.min(1000, Math.max(1, exchange.getMessage().getHeader("limit", 100, Integer.class)));
        review.latest(limit).forEach(item -> items.addObject().put("id", item.id()).put("receivedAt", item.receivedAt().toString())
                .put("source", item.source()).put("eventId", item.eventId()).put("status", item.status()).put("reason", item.reason()));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("items", items);
        respond(exchange, body.toString());
    }

    /**
     * {@code GET /api/bookings?source=&venue=&room=&state=&arrival=YYYY-MM-DD&limit=}: bookings by what the front desk knows of a
     * stay, without reading personal data: a stay that begins on {@code arrival} (in the venue's zone when a venue is
     * given, UTC otherwise). Each as its summary; the booking's own endpoint has the rest.
     */
    public void searchBookings(Exchange exchange) {
        org.apache.camel.Message in = exchange.getMessage();
        String source = blankToNull(in.getHeader("source", String.class));
        String venue = blankToNull(in.getHeader("venue", String.class));
        String room = blankToNull(in.getHeader("room", String.class));
        String state = blankToNull(in.getHeader("state", String.class));
        String arrival = blankToNull(in.getHeader("arrival", String.class));
        if (state != null && java.util.Arrays.stream(org.wifionboarding.hub.store.CredentialState.values()).noneMatch(v -> v.name().equals(state))) {
            throw new WebhookRejection(new Problem(400, "Invalid request", "state: is not one of " + java.util.Arrays.toString(
                    org.wifionboarding.hub.store.CredentialState.values()), List.of(new Problem.FieldError("state", "is not a booking state"))), false);
        }
        java.time.Instant from = null;
        java.time.Instant to = null;
        if (arrival != null) {
            java.time.LocalDate day;
            try {
                day = java.time.LocalDate.parse(arrival);
            } catch (java.time.format.DateTimeParseException e) {
                throw new WebhookRejection(new Problem(400, "Invalid request", "arrival: is not a date (YYYY-MM-DD)", List.of(new Problem.FieldError("arrival", "is not a date (YYYY-MM-DD)"))), false);
            }
            java.time.ZoneId zone = venue == null ? java.time.ZoneOffset.UTC : venues.venue(venue).times().zone();
            from = day.atStartOfDay(zone).toInstant();
            to = day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        int limit = Math.min(500, Math.max(1, in.getHeader("limit", 100, Integer.class)));
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (Booking b : bookings.search(source, venue, room, state, from, to, limit)) {
            ObjectNode item = items.addObject().put("source", b.source).put("bookingId", b.bookingId).put("venueId", b.venueId)
                    .put("room", b.room).put("state", b.state.name());
            putInstant(item, "validFrom", b.validFrom);
            putInstant(item, "validUntil", b.validUntil);
            item.put("deliveryState", b.deliveryState == null ? null : b.deliveryState.name()).put("provisioningState", b.provisioningState)
                    .put("frontDesk", b.frontDesk);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("items", items);
        respond(exchange, body.toString());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** {@code GET /api/review/{id}}: the item with its payload, decrypted for the admin; the access is logged (ids only). */
    public void reviewDetail(Exchange exchange) {
        ReviewStore.ReviewDetail detail = reviewItem(exchange);
        ObjectNode body = Json.MAPPER.createObjectNode().put("id", detail.item().id()).put("receivedAt", detail.item().receivedAt().toString())
                .put("source", detail.item().source()).put("eventId", detail.item().eventId()).put("status", detail.item().status())
                .put("reason", detail.item().reason());
        if (detail.payload() == null) {
            body.putNull("payload");
        } else {
            String text = new String(detail.payload(), java.nio.charset.StandardCharsets.UTF_8);
            boolean utf8 = java.util.Arrays.equals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), detail.payload());
            body.put(utf8 ? "payload" : "payloadBase64", utf8 ? text : java.util.Base64.getEncoder().encodeToString(detail.payload()));
        }
        putInstant(body, "replayedAt", detail.replayedAt());
        if (detail.replayStatus() != null) {
            body.put("replayStatus", detail.replayStatus());
        }
        audit.record(org.wifionboarding.hub.store.AuditLog.ADMIN, "read-review-item", "review item " + detail.item().id(),
                "source " + detail.item().source() + ", payload shown");
        respond(exchange, body.toString());
    }

    /**
     * {@code POST /api/review/{id}/replay}: the kept payload, or the corrected one in the request's body, goes through the
     * webhook pipeline (schema, booking check, de-duplication, durable send) as if its source had just sent it.
     */
    public void replay(Exchange exchange) {
        ReviewStore.ReviewDetail detail = reviewItem(exchange);
        byte[] corrected = exchange.getMessage().getBody(byte[].class);
        byte[] payload = corrected != null && corrected.length > 0 ? corrected : detail.payload();
        if (payload == null) {
            throw new WebhookRejection(Problem.of(409, "Conflict", "the item's payload was purged (retention) and no corrected body was sent"),
                    false);
        }
        exchange.setProperty(REVIEW_ID, detail.item().id());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("source", detail.item().source());
        exchange.getMessage().setBody(payload);
        audit.record(org.wifionboarding.hub.store.AuditLog.ADMIN, "replay-review-item", "review item " + detail.item().id(),
                "source " + detail.item().source() + ", " + (corrected != null && corrected.length > 0 ? "corrected" : "kept") + " body");
    }

    /** After the pipeline: records what it answered on the item. */
    public void replayed(Exchange exchange) {
        Long id = exchange.getProperty(REVIEW_ID, Long.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (id != null && status != null) {
            review.replayed(id, status, java.time.Instant.now());
        }
    }

    /** {@code DELETE /api/review/{id}}: discarded for good. */
    public void discardReview(Exchange exchange) {
        ReviewStore.ReviewDetail detail = reviewItem(exchange);
        review.discard(detail.item().id());
        audit.record(org.wifionboarding.hub.store.AuditLog.ADMIN, "discard-review-item", "review item " + detail.item().id(),
                "source " + detail.item().source());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    private ReviewStore.ReviewDetail reviewItem(Exchange exchange) {
        long id;
        try {
            id = Long.parseLong(exchange.getMessage().getHeader("id", String.class));
        } catch (NumberFormatException e) {
            throw new WebhookRejection(Problem.of(404, "Not found", "no review item with that id"), false);
        }
        return review.detail(id).orElseThrow(() -> new WebhookRejection(Problem.of(404, "Not found", "no review item " + id), false));
    }

    static final String REVIEW_ID = "hubReviewId";

    /** {@code GET /api/audit?limit=}: the latest admin actions, newest first (who, what, on what, when; no personal data). */
    public void auditTrail(Exchange exchange) {
        int limit = Math.min(1000, Math.max(1, exchange.getMessage().getHeader("limit", 100, Integer.class)));
        ArrayNode items = Json.MAPPER.createArrayNode();
        audit.latest(limit).forEach(e -> items.addObject().put("id", e.id()).put("at", e.at().toString()).put("actor", e.actor())
                .put("action", e.action()).put("subject", e.subject()).put("detail", e.detail()));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("items", items);
        respond(exchange, body.toString());
    }

    private static void putInstant(ObjectNode node, String field, java.time.Instant value) {
        node.put(field, value == null ? null : value.toString());
    }

    private static void respond(Exchange exchange, String json) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json);
    }
}
