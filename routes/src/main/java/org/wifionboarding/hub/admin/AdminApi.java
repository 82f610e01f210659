package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import java.util.Map;
import org.wifionboarding.hub.connect.auth.BearerTokenAuthenticator;
import org.wifionboarding.hub.connect.auth.WebhookRequest;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.ReviewStore;

/** The admin API's answers: a booking with its credential, delivery and timeline (never the passphrase), and the review list. */
public final class AdminApi {

    private final BearerTokenAuthenticator bearer;
    private final BookingStore bookings;
    private final ReviewStore review;
    private final AtRestCipher cipher;

    private final String pathPrefix;

    public AdminApi(String token, BookingStore bookings, ReviewStore review, AtRestCipher cipher) {
        this(token, bookings, review, cipher, "");
    }

    /** @param pathPrefix {@code hub.http.path-prefix} in its normal form; the OpenAPI document's server URL then carries it */
    public AdminApi(String token, BookingStore bookings, ReviewStore review, AtRestCipher cipher, String pathPrefix) {
        this.pathPrefix = pathPrefix;
        this.bearer = new BearerTokenAuthenticator(token);
        this.bookings = bookings;
        this.review = review;
        this.cipher = cipher;
    }

    /** Bearer token, compared in constant time; 401 otherwise. Request headers go no further. */
    public void authorize(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        if (!bearer.authenticate(new WebhookRequest(header == null ? Map.of() : Map.of("authorization", header), Map.of()))) {
            throw new WebhookRejection(Problem.of(401, "Unauthorized", "the admin API needs the bearer token"), false);
        }
    }

    public void booking(Exchange exchange) throws JsonProcessingException {
        String source = exchange.getMessage().getHeader("source", String.class);
        String bookingId = exchange.getMessage().getHeader("bookingId", String.class);
        Booking b = bookings.find(source, bookingId).orElseThrow(() ->
                new WebhookRejection(Problem.of(404, "Not found", "no booking " + bookingId + " from " + source), false));
        ObjectNode view = Json.MAPPER.createObjectNode();
        view.put("source", b.source).put("bookingId", b.bookingId).put("venueId", b.venueId).put("kind", b.kind)
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
