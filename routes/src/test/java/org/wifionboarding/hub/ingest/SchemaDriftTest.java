package org.wifionboarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;

/** A source that starts sending another shape: counted per source, kept for review, a WARN without personal data, a health detail. */
class SchemaDriftTest {

    @TempDir
    Path dataDir;

    @Test
    void a_source_whose_payloads_stop_matching_raises_the_drift_alert() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            String arrival = LocalDate.now().plusDays(3).toString();
            String departure = LocalDate.now().plusDays(5).toString();
            for (int i = 0; i < 3; i++) {
                assertThat(hub.postGeneric(GuestEvents.generic("drift-ok-" + i, "confirmed", Instant.now().toString(), "default", "DRIFT-" + i,
                        arrival, departure)).statusCode()).isEqualTo(202);
            }
            assertThat(hub.management("/observe/health?data=true").body()).contains("\"generic.drift\":false");
            for (int i = 0; i < 6; i++) {
                // the sender renamed "arrival" to "checkIn"
                String renamed = GuestEvents.generic("drift-bad-" + i, "confirmed", Instant.now().toString(), "default", "DRIFT-B" + i,
                        arrival, departure).replace("\"arrival\"", "\"checkIn\"");
                assertThat(hub.postGeneric(renamed).statusCode()).isEqualTo(400);
            }
            assertThat(hub.management("/observe/health").body()).contains("schema drift suspected for [generic]");
            String health = hub.management("/observe/health?data=true").body();
            assertThat(health).contains("schema-drift").contains("\"generic.drift\":true").contains("\"generic.refused\":6");
            assertThat(hub.management("/observe/metrics").body()).containsPattern("hub_webhook_invalid_total\\{[^}]*source=\"generic\"[^}]*\\} 6");
            String review = hub.getAdmin("/api/review").body();
            assertThat(review.split("required property 'arrival' not found", -1)).as("six samples kept for review").hasSize(7);
            assertThat(review).doesNotContain(GuestEvents.NAME);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(Path.of("target", "hub-test.log"))
                    .contains("schema drift suspected for source generic: 5 of 8 webhooks refused"));   // raised at the fifth refusal
        }
    }

    @Test
    void the_alert_clears_once_the_window_has_moved_past_the_refusals() {
        Instant[] now = {Instant.parse("2026-12-01T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SchemaDrift drift = new SchemaDrift(Duration.ofMinutes(15), 0.2, clock, () -> null);
        for (int i = 0; i < 5; i++) {
            drift.invalid("cvent");
        }
        drift.accepted("cvent");
        assertThat(drift.drifting()).containsExactly("cvent");
        now[0] = now[0].plus(Duration.ofMinutes(16));
        drift.accepted("cvent");
        assertThat(drift.drifting()).isEmpty();
        drift.entries("mews", 10, 4);
        drift.entries("mews", 10, 1);
        assertThat(drift.drifting()).as("5 of 20 entries unknown").containsExactly("mews");
    }
}
