package org.wifionboarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;

/** Eventbrite through the hub: a thin notification, the order fetched from a stub of the API, one credential per attendee, SSRF refused. */
class EventbriteWebhookTest {

    @TempDir
    Path dataDir;

    @Test
    void an_order_gives_each_attendee_a_credential_a_refund_revokes_them_and_a_foreign_api_url_is_refused() throws Exception {
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        AtomicReference<String> status = new AtomicReference<>("placed");
        try (HttpStub api = new HttpStub()) {
            api.on("GET", "/v3/orders/555/", (r, m) -> HttpStub.Reply.json(200, Map.of(
                    "id", "555", "status", status.get(), "changed", status.get().equals("placed") ? "2026-11-01T10:00:00Z" : "2026-11-02T10:00:00Z",
                    "event", Map.of("id", "ev-1", "start", Map.of("timezone", "America/Toronto", "utc", start.toString()),
                            "end", Map.of("timezone", "America/Toronto", "utc", start.plus(2, ChronoUnit.DAYS).toString())),
                    "attendees", List.of(
                            Map.of("id", "a1", "profile", Map.of("name", "Priya N", "email", "priya@example.ca"), "refunded", !status.get().equals("placed")),
                            Map.of("id", "a2", "profile", Map.of("name", "Tom B", "email", "tom@example.ca"), "refunded", !status.get().equals("placed"))))));
            try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.eventbrite.token", "eb-secret",
                    "hub.sources.eventbrite.api-url", api.url(), "hub.sources.eventbrite.private-token", "eb-private",
                    "hub.sources.eventbrite.venue", "toronto"))) {
                String placed = "{\"config\": {\"action\": \"order.placed\", \"webhook_id\": \"1\"}, \"api_url\": \"" + api.url() + "/v3/orders/555/\"}";
                assertThat(hub.post("/webhooks/eventbrite?token=eb-secret", "application/json", placed).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> state(hub, "555-a1").equals("PENDING") && state(hub, "555-a2").equals("PENDING"));
                assertThat(Json.MAPPER.readTree(hub.getAdmin("/api/bookings/eventbrite/555-a1").body()).path("validFrom").asText())
                        .isEqualTo(start.toString());

                String ssrf = "{\"config\": {\"action\": \"order.placed\"}, \"api_url\": \"http://169.254.169.254/latest/meta-data/\"}";
                var refused = hub.post("/webhooks/eventbrite?token=eb-secret", "application/json", ssrf);
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(refused.body()).contains("api_url").contains("Eventbrite API");
                assertThat(api.requests()).allMatch(r -> r.path().equals("/v3/orders/555/"));

                status.set("refunded");
                String refunded = placed.replace("order.placed", "order.refunded");
                assertThat(hub.post("/webhooks/eventbrite?token=eb-secret", "application/json", refunded).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> state(hub, "555-a1").equals("REVOKED") && state(hub, "555-a2").equals("REVOKED"));
                assertThat(hub.post("/webhooks/eventbrite?token=wrong", "application/json", placed).statusCode()).isEqualTo(401);
            }
        }
    }

    private static String state(RunningHub hub, String bookingId) throws Exception {
        var response = hub.getAdmin("/api/bookings/eventbrite/" + bookingId);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("state").asText() : "absent";
    }
}
