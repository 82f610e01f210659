package org.wifionboarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/** A Zapier zap: the generic contract under its own token, as JSON or as a form with {@code guest__...} keys. */
class ZapierWebhookTest {

    @TempDir
    Path dataDir;

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    @Test
    void a_zap_may_send_json_or_a_form_and_both_become_bookings() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.zapier.token", "zap-token",
                "hub.venues.hotel-paris.timezone", "Europe/Paris"))) {
            String arrival = LocalDate.now().plusDays(5).toString();
            String departure = LocalDate.now().plusDays(7).toString();
            String json = GuestEvents.generic("zap-json-1", "confirmed", Instant.now().toString(), "hotel-paris", "ZAP-1", arrival, departure);
            assertThat(hub.post("/webhooks/zapier", "application/json", json, "Authorization", "Bearer zap-token").statusCode()).isEqualTo(202);

            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("eventId", "zap-form-1");
            fields.put("type", "confirmed");
            fields.put("occurredAt", Instant.now().toString());
            fields.put("venueId", "hotel-paris");
            fields.put("bookingId", "ZAP-2");
            fields.put("arrival", arrival);
            fields.put("departure", departure);
            fields.put("guest__name", "Noor Haddad");
            fields.put("guest__email", "noor.haddad@example.org");
            fields.put("guest__language", "fr");
            fields.put("room", "");
            assertThat(hub.post("/webhooks/zapier", "application/x-www-form-urlencoded", form(fields), "Authorization", "Bearer zap-token")
                    .statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/zapier/ZAP-1").statusCode() == 200
                    && hub.getAdmin("/api/bookings/zapier/ZAP-2").statusCode() == 200);
            JsonNode fromForm = Json.MAPPER.readTree(hub.getAdmin("/api/bookings/zapier/ZAP-2").body());
            assertThat(fromForm.path("state").asText()).isEqualTo("PENDING");
            assertThat(fromForm.path("validFrom").asText()).endsWith("T14:00:00Z");   // 15:00 in Paris, winter

            fields.remove("guest__name");
            fields.put("eventId", "zap-form-2");
            var invalid = hub.post("/webhooks/zapier", "application/x-www-form-urlencoded", form(fields), "Authorization", "Bearer zap-token");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("name");
            assertThat(hub.post("/webhooks/generic", "application/x-www-form-urlencoded", form(fields), "Authorization", "Bearer "
                    + RunningHub.GENERIC_TOKEN).statusCode()).as("the generic source takes JSON only").isEqualTo(415);
        }
    }
}
