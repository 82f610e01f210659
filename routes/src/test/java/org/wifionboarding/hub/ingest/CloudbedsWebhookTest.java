package org.wifionboarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * Cloudbeds through the hub: events in any order ({@code guest/assigned} before {@code reservation/created}), each fetching the
 * reservation's current state; a repeated delivery is a duplicate by content; a cancellation revokes.
 */
class CloudbedsWebhookTest {

    @TempDir
    Path dataDir;

    @Test
    void events_in_any_order_converge_on_the_reservations_state() throws Exception {
        AtomicReference<String> status = new AtomicReference<>("confirmed");
        String arrival = LocalDate.now().plusDays(4).toString();
        String departure = LocalDate.now().plusDays(6).toString();
        try (HttpStub cloudbeds = new HttpStub()) {
            cloudbeds.contract("cloudbeds/pms-v1.2.reservations.json", "/api/v1.2", HttpStub.EXAMPLE_TIMES);
            cloudbeds.on("GET", "/api/v1.2/getReservation", (r, m) -> "cb-key".equals(r.header("x-api-key"))
                    && r.query().equals("reservationID=8812345678")
                    ? HttpStub.Reply.json(200, Map.of("success", true, "data", Map.of("propertyID", "198765", "reservationID", "8812345678",
                            "status", status.get(), "guestName", "Inês Duarte", "guestEmail", "ines@example.pt", "startDate", arrival, "endDate", departure,
                            "guestList", Map.of("55501", Map.of("guestID", "55501", "guestFirstName", "Inês", "guestLastName", "Duarte",
                                    "guestEmail", "ines@example.pt", "guestCellPhone", "+351 912 345 678", "isMainGuest", true)))))
                    : HttpStub.Reply.json(200, Map.of("success", false, "message", "Reservation not found")));
            try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.cloudbeds.token", "cb-secret", "hub.sources.cloudbeds.api-url",
                    cloudbeds.url(), "hub.sources.cloudbeds.api-key", "cb-key", "hub.venues.lisbon.id", "198765", "hub.venues.lisbon.timezone", "Europe/Lisbon"))) {
                long t = Instant.now().getEpochSecond();
                String guestFirst = "{\"version\": \"1.0\", \"event\": \"guest/assigned\", \"timestamp\": " + t + ", \"propertyID\": 1, "
                        + "\"guestId\": \"55501\", \"reservationId\": \"8812345678\"}";
                String created = "{\"version\": \"1.0\", \"event\": \"reservation/created\", \"timestamp\": " + (t + 1) + ".5, \"propertyID\": 1, "
                        + "\"reservationID\": \"8812345678\"}";
                assertThat(hub.post("/webhooks/cloudbeds?token=cb-secret", "application/json", guestFirst).statusCode()).isEqualTo(202);
                assertThat(hub.post("/webhooks/cloudbeds?token=cb-secret", "application/json", created).statusCode()).isEqualTo(202);
                assertThat(hub.post("/webhooks/cloudbeds?token=cb-secret", "application/json", created).statusCode()).as("same content").isEqualTo(200);
                assertThat(hub.post("/webhooks/cloudbeds", "application/json", created).statusCode()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(20)).until(() -> state(hub).equals("PENDING"));

                status.set("canceled");
                String canceled = "{\"version\": \"1.0\", \"event\": \"reservation/status_changed\", \"timestamp\": " + (t + 2)
                        + ", \"propertyID\": 1, \"reservationID\": \"8812345678\", \"status\": \"canceled\", \"previousStatus\": \"confirmed\"}";
                assertThat(hub.post("/webhooks/cloudbeds?token=cb-secret", "application/json", canceled).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> state(hub).equals("REVOKED"));
                assertThat(cloudbeds.contractViolations()).as("every call as pms-v1.2-openapi.yaml allows (x-api-key)").isEmpty();
                assertThat(hub.jdbc().queryForObject("SELECT venue_id FROM booking WHERE booking_id = '8812345678'", String.class)).isEqualTo("198765");
            }
        }
    }

    @Test
    void a_deleted_reservation_ends_its_credential_without_a_fetch() throws Exception {
        String arrival = LocalDate.now().plusDays(4).toString();
        String departure = LocalDate.now().plusDays(6).toString();
        try (HttpStub cloudbeds = new HttpStub()) {
            cloudbeds.contract("cloudbeds/pms-v1.2.reservations.json", "/api/v1.2", HttpStub.EXAMPLE_TIMES);
            cloudbeds.on("GET", "/api/v1.2/getReservation", (r, m) -> HttpStub.Reply.json(200, Map.of("success", true, "data", Map.of(
                    "propertyID", "198765", "reservationID", "8812345690", "status", "confirmed", "guestName", "Rui Costa",
                    "guestEmail", "rui@example.pt", "startDate", arrival, "endDate", departure,
                    "guestList", Map.of("55502", Map.of("guestID", "55502", "guestEmail", "rui@example.pt", "isMainGuest", true))))));
            try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.cloudbeds.token", "cb-secret", "hub.sources.cloudbeds.api-url",
                    cloudbeds.url(), "hub.sources.cloudbeds.api-key", "cb-key"))) {
                long t = Instant.now().getEpochSecond();
                assertThat(hub.post("/webhooks/cloudbeds?token=cb-secret", "application/json", "{\"version\": \"1.0\", \"event\": "
                        + "\"reservation/created\", \"timestamp\": " + t + ", \"propertyID\": 198765, \"reservationID\": \"8812345690\"}").statusCode())
                        .isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> "PENDING".equals(state(hub, "8812345690")));
                int fetches = cloudbeds.requests("GET", "/api/v1.2/getReservation").size();

                assertThat(hub.post("/webhooks/cloudbeds?token=cb-secret", "application/json", "{\"version\": \"1.0\", \"event\": "
                        + "\"reservation/deleted\", \"timestamp\": " + (t + 5) + ", \"propertyID\": 198765, \"reservationId\": \"8812345690\"}").statusCode())
                        .isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> "REVOKED".equals(state(hub, "8812345690")));
                assertThat(cloudbeds.requests("GET", "/api/v1.2/getReservation")).as("nothing to fetch for a deleted reservation").hasSize(fetches);
            }
        }
    }

    private static String state(RunningHub hub) throws Exception {
        return state(hub, "8812345678");
    }

    private static String state(RunningHub hub, String id) throws Exception {
        var response = hub.getAdmin("/api/bookings/cloudbeds/" + id);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("state").asText() : "absent";
    }
}
