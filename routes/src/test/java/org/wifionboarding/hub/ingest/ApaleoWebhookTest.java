package org.wifionboarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;

/** Apaleo through the hub: the subscription's healthcheck gets a 2xx, a reservation event fetches the reservation and makes the booking. */
class ApaleoWebhookTest {

    @TempDir
    Path dataDir;

    @Test
    void the_healthcheck_is_answered_and_a_created_reservation_becomes_a_booking() throws Exception {
        Instant arrival = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        try (HttpStub apaleo = new HttpStub()) {
            apaleo.on("POST", "/connect/token", (r, m) -> HttpStub.Reply.json(200, Map.of("access_token", "tok", "expires_in", 3600)));
            apaleo.on("GET", "/booking/v1/reservations/RES-1", (r, m) -> HttpStub.Reply.json(200, Map.of("id", "RES-1", "status", "Confirmed",
                    "property", Map.of("id", "BER"), "arrival", arrival.atOffset(java.time.ZoneOffset.ofHours(1)).toString(),
                    "departure", arrival.plus(2, ChronoUnit.DAYS).atOffset(java.time.ZoneOffset.ofHours(1)).toString(),
                    "primaryGuest", Map.of("firstName", "Jonas", "lastName", "Weber", "email", "jonas.weber@example.de"))));
            try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.apaleo.username", "hook", "hub.sources.apaleo.password", "hook-pw",
                    "hub.sources.apaleo.api-url", apaleo.url(), "hub.sources.apaleo.identity-url", apaleo.url(),
                    "hub.sources.apaleo.client-id", "c", "hub.sources.apaleo.client-secret", "s"))) {
                String basic = "Basic " + Base64.getEncoder().encodeToString("hook:hook-pw".getBytes(StandardCharsets.UTF_8));
                String health = "{\"topic\": \"System\", \"type\": \"healthcheck\", \"id\": \"hc-1\", \"timestamp\": " + Instant.now().toEpochMilli() + "}";
                assertThat(hub.post("/webhooks/apaleo", "application/json", health, "Authorization", basic).statusCode()).isEqualTo(202);
                assertThat(hub.post("/webhooks/apaleo", "application/json", health, "Authorization", "Basic d3Jvbmc6d3Jvbmc=").statusCode()).isEqualTo(401);
                String created = "{\"topic\": \"Reservation\", \"type\": \"created\", \"id\": \"ev-1\", \"propertyId\": \"BER\", \"timestamp\": "
                        + Instant.now().toEpochMilli() + ", \"data\": {\"entityId\": \"RES-1\"}}";
                assertThat(hub.post("/webhooks/apaleo", "application/json", created, "Authorization", basic).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/apaleo/RES-1").statusCode() == 200);
                assertThat(Json.MAPPER.readTree(hub.getAdmin("/api/bookings/apaleo/RES-1").body()).path("validFrom").asText()).isEqualTo(arrival.toString());
            }
        }
    }
}
