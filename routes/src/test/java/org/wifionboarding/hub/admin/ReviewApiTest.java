package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/** Bad input kept for review: read it, replay it (as kept or corrected) through the webhook pipeline, or discard it. */
class ReviewApiTest {

    @TempDir
    static Path dataDir;
    static RunningHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = RunningHub.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> replay(long id, String body) throws Exception {
        return hub.client().send(HttpRequest.newBuilder(hub.uri("/api/review/" + id + "/replay")).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long reviewIdFor(String eventId) throws Exception {
        for (JsonNode item : Json.MAPPER.readTree(hub.getAdmin("/api/review").body()).path("items")) {
            if (eventId.equals(item.path("eventId").asText())) {
                return item.path("id").asLong();
            }
        }
        throw new AssertionError("no review item for " + eventId);
    }

    @Test
    void a_refused_event_is_read_corrected_replayed_into_a_booking_and_then_discarded() throws Exception {
        String arrival = LocalDate.now().plusDays(10).toString();
        // departure before arrival: refused, kept for review
        String bad = generic("rv-1", "confirmed", Instant.now().toString(), "default", "BK-REVIEW", arrival, LocalDate.now().plusDays(8).toString());
        assertThat(hub.postGeneric(bad).statusCode()).isEqualTo(400);
        long id = reviewIdFor("rv-1");

        JsonNode detail = Json.MAPPER.readTree(hub.getAdmin("/api/review/" + id).body());
        assertThat(detail.path("source").asText()).isEqualTo("generic");
        assertThat(detail.path("status").asInt()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(detail.path("payload").asText()).path("bookingId").asText()).isEqualTo("BK-REVIEW");
        assertThat(hub.admin("GET", "/api/review/" + id, null).statusCode()).as("behind the admin token").isEqualTo(401);

        HttpResponse<String> again = replay(id, null);
        assertThat(again.statusCode()).as("as kept, it is refused again").isEqualTo(400);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        String corrected = generic("rv-1", "confirmed", Instant.now().toString(), "default", "BK-REVIEW", arrival, LocalDate.now().plusDays(12).toString());
        HttpResponse<String> replayed = replay(id, corrected);
        assertThat(replayed.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/BK-REVIEW").statusCode() == 200);
        detail = Json.MAPPER.readTree(hub.getAdmin("/api/review/" + id).body());
        assertThat(detail.path("replayStatus").asInt()).isEqualTo(202);
        assertThat(detail.path("replayedAt").asText()).isNotBlank();
        assertThat(replay(id, corrected).statusCode()).as("a second replay is a copy").isEqualTo(200);

        assertThat(hub.admin("DELETE", "/api/review/" + id, RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(204);
        assertThat(hub.getAdmin("/api/review/" + id).statusCode()).isEqualTo(404);
        assertThat(hub.admin("DELETE", "/api/review/" + id, RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(replay(id, null).statusCode()).isEqualTo(404);
        assertThat(hub.getAdmin("/api/review/not-a-number").statusCode()).isEqualTo(404);
    }
}
