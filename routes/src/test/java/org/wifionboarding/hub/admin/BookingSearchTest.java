package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/** {@code GET /api/bookings}: the front desk finds bookings by venue, state and arrival day, never by personal data. */
class BookingSearchTest {

    @TempDir
    static Path dataDir;
    static RunningHub hub;
    static final LocalDate DAY = LocalDate.now().plusDays(20);

    @BeforeAll
    static void start() throws Exception {
        hub = RunningHub.start(dataDir, Map.of("hub.venues.tokyo.timezone", "Asia/Tokyo", "hub.venues.lima.timezone", "America/Lima",
                "hub.venues.honolulu.timezone", "Pacific/Honolulu"));
        post("bs-1", "confirmed", "tokyo", "BK-T1", DAY);
        assertThat(hub.postGeneric(generic("bs-2", "confirmed", Instant.now().toString(), "tokyo", "BK-T2", DAY.plusDays(1).toString(),
                DAY.plusDays(3).toString()).replace("\"room\": \"204\"", "\"room\": \"1107\"")).statusCode()).isEqualTo(202);
        post("bs-3", "confirmed", "lima", "BK-L1", DAY);
        post("bs-4", "cancelled", "lima", "BK-L1", DAY);
        // check-in 15:00 in Honolulu is 01:00 UTC the next day: only a search in the venue's zone finds it on DAY
        post("bs-5", "confirmed", "honolulu", "BK-H1", DAY);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids("/api/bookings?state=REVOKED").contains("BK-L1")
                && ids("/api/bookings?venue=tokyo").size() == 2 && ids("/api/bookings?venue=honolulu").size() == 1);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static void post(String eventId, String type, String venue, String bookingId, LocalDate arrival) throws Exception {
        assertThat(hub.postGeneric(generic(eventId, type, Instant.now().toString(), venue, bookingId, arrival.toString(),
                arrival.plusDays(2).toString())).statusCode()).isEqualTo(202);
    }

    static List<String> ids(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : Json.MAPPER.readTree(hub.getAdmin(path).body()).path("items")) {
            ids.add(item.path("bookingId").asText());
        }
        return ids;
    }

    @Test
    void bookings_are_found_by_venue_room_state_and_the_venues_own_arrival_day() throws Exception {
        assertThat(ids("/api/bookings?venue=tokyo&arrival=" + DAY)).containsExactly("BK-T1");
        assertThat(ids("/api/bookings?venue=tokyo&arrival=" + DAY.plusDays(1))).containsExactly("BK-T2");
        assertThat(ids("/api/bookings?venue=lima&state=REVOKED")).containsExactly("BK-L1");
        assertThat(ids("/api/bookings?venue=honolulu&arrival=" + DAY)).containsExactly("BK-H1");
        assertThat(ids("/api/bookings?venue=honolulu&arrival=" + DAY.plusDays(1))).isEmpty();
        assertThat(ids("/api/bookings?arrival=" + DAY.plusDays(1))).as("without a venue the day is UTC's").contains("BK-H1");
        assertThat(ids("/api/bookings?source=generic&venue=lima&state=PENDING")).isEmpty();
        assertThat(ids("/api/bookings?venue=tokyo&limit=1")).hasSize(1);
        assertThat(ids("/api/bookings?venue=tokyo&room=1107")).containsExactly("BK-T2");
        assertThat(ids("/api/bookings?venue=tokyo&room=204")).containsExactly("BK-T1");
        assertThat(hub.getAdmin("/api/bookings/generic/BK-T2").body()).contains("\"room\":\"1107\"");
        JsonNode item = Json.MAPPER.readTree(hub.getAdmin("/api/bookings?venue=tokyo&arrival=" + DAY).body()).at("/items/0");
        assertThat(item.toString()).doesNotContain("@").doesNotContain("guest");
        var bad = hub.getAdmin("/api/bookings?arrival=tomorrow");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(bad.body()).at("/errors/0/field").asText()).isEqualTo("arrival");
        assertThat(hub.getAdmin("/api/bookings?state=LOST").statusCode()).isEqualTo(400);
        assertThat(hub.admin("GET", "/api/bookings", null).statusCode()).isEqualTo(401);
    }
}
