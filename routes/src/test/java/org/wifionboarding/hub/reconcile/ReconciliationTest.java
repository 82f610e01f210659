package org.wifionboarding.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.mews.MewsStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * Mews drops a webhook after a few failed deliveries: reconciliation asks Mews what changed and makes the
 * booking anyway, counts it, keeps its cursor across a restart, and does not feed the same change twice.
 */
class ReconciliationTest {

    @TempDir
    Path dataDir;

    private static Map<String, String> config(MewsStub mews) {
        return Map.of("hub.sources.mews.token", RunningHub.MEWS_TOKEN, "hub.sources.mews.api-url", mews.url(),
                "hub.sources.mews.client-token", "mews-client-token", "hub.sources.mews.access-token", "mews-access-token",
                "hub.sources.mews.venue", "harbour", "hub.venues.harbour.timezone", "Europe/London",
                "hub.reconciliation.cron", "0/2 * * * * ?");
    }

    @Test
    void a_booking_whose_webhook_never_came_is_found_counted_and_not_fed_twice_even_across_a_restart() throws Exception {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(14, ChronoUnit.HOURS);
        try (MewsStub mews = new MewsStub()) {
            mews.reservation("res-lost-1", "Confirmed", "cust-1", Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString(),
                    start.toString(), start.plus(2, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString());
            mews.customer("cust-1", "Iris", "Okafor", "iris.okafor@example.co.uk", "+447700900555", "en");
            try (RunningHub hub = RunningHub.start(dataDir, config(mews))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.getAdmin("/api/bookings/mews/res-lost-1").statusCode() == 200);
                JsonNode booking = Json.MAPPER.readTree(hub.getAdmin("/api/bookings/mews/res-lost-1").body());
                assertThat(booking.path("state").asText()).isEqualTo("PENDING");
                assertThat(booking.path("validFrom").asText()).isEqualTo(start.toString());
                // two more runs find the same reservation and feed nothing
                int runs = windowRequests(mews);
                await().atMost(Duration.ofSeconds(20)).until(() -> windowRequests(mews) >= runs + 2);
                assertThat(missed(hub)).isEqualTo(1.0);
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM source_cursor WHERE source = 'mews'", Long.class)).isEqualTo(1);
            }
            String cursorBefore;
            // a change made while the hub is down is found after the restart, from the persisted cursor
            mews.reservation("res-lost-1", "Confirmed", "cust-1", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    start.toString(), start.plus(3, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString());
            try (RunningHub hub = RunningHub.start(dataDir, config(mews))) {
                cursorBefore = hub.jdbc().queryForObject("SELECT position FROM source_cursor WHERE source = 'mews'", String.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> Json.MAPPER.readTree(hub.getAdmin("/api/bookings/mews/res-lost-1").body())
                        .path("validUntil").asText().equals(start.plus(3, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString()));
                JsonNode lastWindow = lastWindow(mews);
                assertThat(Instant.parse(lastWindow.at("/UpdatedUtc/StartUtc").asText()))
                        .as("the window starts at the persisted cursor less the overlap").isAfter(Instant.parse(cursorBefore).minus(11, ChronoUnit.MINUTES));
                assertThat(missed(hub)).isEqualTo(1.0);
            }
        }
    }

    private static int windowRequests(MewsStub mews) {
        return (int) mews.requests().stream().filter(r -> r.body().has("UpdatedUtc")).count();
    }

    private static JsonNode lastWindow(MewsStub mews) {
        return mews.requests().stream().filter(r -> r.body().has("UpdatedUtc")).reduce((a, b) -> b).orElseThrow().body();
    }

    private static double missed(RunningHub hub) throws Exception {
        Matcher m = Pattern.compile("hub_reconciliation_missed_total\\{[^}]*source=\"mews\"[^}]*\\} ([0-9.]+)").matcher(hub.management("/observe/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
