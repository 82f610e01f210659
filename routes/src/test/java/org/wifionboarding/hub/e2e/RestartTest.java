package org.wifionboarding.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/** The embedded defaults keep everything across a restart: broker journal, H2 database, keys. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void a_restart_keeps_bookings_de_duplication_and_the_at_rest_key() throws Exception {
        String arrival = LocalDate.now().plusDays(20).toString();
        String departure = LocalDate.now().plusDays(22).toString();
        String confirmed = generic("restart-1", "confirmed", Instant.now().toString(), "default", "BK-RESTART", arrival, departure);
        String firstEventId;
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            var accepted = hub.postGeneric(confirmed);
            assertThat(accepted.statusCode()).isEqualTo(202);
            firstEventId = Json.MAPPER.readTree(accepted.body()).path("eventId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/BK-RESTART").statusCode() == 200);
        }

        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            var again = hub.postGeneric(confirmed);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(again.body()).path("eventId").asText()).isEqualTo(firstEventId);

            assertThat(hub.postGeneric(generic("restart-2", "cancelled", Instant.now().plusSeconds(1).toString(), "default", "BK-RESTART",
                    arrival, departure)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/BK-RESTART").body()).path("state").asText().equals("REVOKED"));
            JsonNode booking = Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/BK-RESTART").body());
            assertThat(booking.path("timeline").findValuesAsText("entry")).anyMatch(e -> e.startsWith("CONFIRMED"))
                    .anyMatch(e -> e.startsWith("CANCELLED"));
            assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking", Long.class)).isEqualTo(1);
        }
    }
}
