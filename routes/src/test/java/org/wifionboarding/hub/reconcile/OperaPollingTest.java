package org.wifionboarding.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;

/**
 * OPERA Cloud has no webhooks: the hub polls its business events after a persisted offset, page by page,
 * fetches each reservation, and carries on after a restart without gaps or repeats.
 */
class OperaPollingTest {

    @TempDir
    Path dataDir;

    private static Map<String, String> config(OperaStub ohip) {
        Map<String, String> config = new HashMap<>(ohip.hubConfig());
        config.put("hub.venues.HQLON.timezone", "Europe/London");
        return config;
    }

    @Test
    void events_are_polled_page_by_page_and_a_restart_carries_on_from_the_persisted_offset() throws Exception {
        try (OperaStub ohip = new OperaStub()) {
            for (int i = 1; i <= 5; i++) {
                ohip.reservationEvent(i, "1700" + i);
            }
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.jdbc().queryForObject(
                        "SELECT COUNT(*) FROM booking WHERE source = 'opera'", Long.class) == 5);
                assertThat(hub.jdbc().queryForObject("SELECT position FROM source_cursor WHERE source = 'poll:opera'", String.class)).isEqualTo("5");
                assertThat(hub.post("/webhooks/opera", "application/json", "{}").statusCode()).as("no webhooks from OPERA").isEqualTo(401);
            }
            int before = ohip.polls();
            ohip.reservationEvent(6, "17006");
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.jdbc().queryForObject(
                        "SELECT COUNT(*) FROM booking WHERE source = 'opera'", Long.class) == 6);
                List<HttpStub.Request> after = ohip.requests("GET", "/int/v1/externalSystem/");
                assertThat(after.get(before).query()).as("the first poll after the restart starts at the persisted offset").contains("offset=5");
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM ingest_key WHERE source = 'opera'", Long.class))
                        .as("each event accepted once").isEqualTo(6);
            }
        }
    }
}
