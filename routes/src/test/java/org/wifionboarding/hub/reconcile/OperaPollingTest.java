package org.wifionboarding.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.store.AtRestCipher;

/**
 * OPERA Cloud has no webhooks: the hub takes its business events from OHIP's queue, which forgets what it hands
 * out. Each page is in the hub's database before anything else happens to it; a page lost in flight (the hub
 * stopped before the answer arrived) is found again by reconciliation against the hotel's reservations. Every
 * request the hub makes is checked against Oracle's published specs by the stub.
 */
class OperaPollingTest {

    @TempDir
    Path dataDir;

    private static Map<String, String> config(OperaStub ohip) {
        Map<String, String> config = new HashMap<>(ohip.hubConfig());
        config.put("hub.venues.opera-london.id", OperaStub.HOTEL);
        config.put("hub.venues.opera-london.timezone", "Europe/London");
        return config;
    }

    private static long bookings(RunningHub hub) {
        return hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE source = 'opera'", Long.class);
    }

    @Test
    void the_queue_is_taken_page_by_page_each_event_once_and_after_a_restart_the_hub_carries_on() throws Exception {
        try (OperaStub ohip = new OperaStub()) {
            for (int i = 1; i <= 5; i++) {
                ohip.reservationEvent("1700" + i);
            }
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> bookings(hub) == 5);
                assertThat(ohip.queued()).isZero();
                assertThat(hub.post("/webhooks/opera", "application/json", "{}").statusCode()).as("no webhooks from OPERA").isEqualTo(401);
                assertThat(hub.jdbc().queryForObject("SELECT venue_id FROM booking WHERE booking_id = '17001'", String.class)).isEqualTo("HQLON");
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM polled_page", Long.class)).as("pages handed over are gone").isZero();
            }
            ohip.reservationEvent("17006");
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> bookings(hub) == 6);
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM ingest_key WHERE source = 'opera'", Long.class))
                        .as("each event accepted once").isEqualTo(6);
            }
            assertThat(ohip.contractViolations()).as("every request as OHIP's published specs allow").isEmpty();
            assertThat(ohip.requests("GET", "/int/v1/")).allSatisfy(r -> assertThat(r.query()).isEqualTo("limit=2"));
            assertThat(ohip.requests("POST", "/oauth/v1/tokens").get(0).body()).contains("scope=");
        }
    }

    @Test
    void a_page_kept_before_a_stop_is_handed_over_first_at_the_next_poll() throws Exception {
        try (OperaStub ohip = new OperaStub()) {
            Map<String, String> config = config(ohip);
            config.put("hub.polling.cron", "0 0 0 1 1 ? 2099");   // only the test polls
            try (RunningHub hub = RunningHub.start(dataDir, config)) {
                AtRestCipher cipher = new AtRestCipher(java.util.Base64.getDecoder().decode(
                        java.nio.file.Files.readString(dataDir.resolve("keys").resolve("at-rest.key")).trim()));
                ohip.reservationEvent("17101");
                String page = "[" + org.wifionboarding.hub.mapping.Json.MAPPER.writeValueAsString(ohip.take()) + "]";   // OHIP forgot it
                hub.jdbc().update("INSERT INTO polled_page (source, cursor, events_enc, received_at) VALUES ('opera', NULL, ?, CURRENT_TIMESTAMP)",
                        (Object) cipher.encrypt(page.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                org.apache.camel.Exchange poll = org.apache.camel.builder.ExchangeBuilder.anExchange(hub.context())
                        .withHeader("HubSource", "opera").build();
                hub.context().getRegistry().lookupByNameAndType("sourcePolling", SourcePolling.class).poll(poll);
                await().atMost(Duration.ofSeconds(20)).until(() -> bookings(hub) == 1);
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM polled_page", Long.class)).isZero();
            }
        }
    }

    @Test
    void a_page_dequeued_and_lost_in_flight_is_found_again_by_reconciliation() throws Exception {
        try (OperaStub ohip = new OperaStub()) {
            Map<String, String> config = config(ohip);
            config.put("hub.reconciliation.cron", "0/3 * * * * ?");
            ohip.reservationEvent("17201");
            ohip.reservationEvent("17202");
            ohip.holdNextPage();
            RunningHub first = RunningHub.start(dataDir, config);
            try {
                assertThat(ohip.awaitHeld(30)).as("the hub asked for the page and OHIP dequeued it").isTrue();
            } finally {
                first.close();   // stopped while the answer was on its way: the page is gone from OHIP and never reached the hub
                ohip.release();
            }
            assertThat(ohip.queued()).isZero();
            try (RunningHub hub = RunningHub.start(dataDir, config)) {
                assertThat(bookings(hub)).isZero();
                await().atMost(Duration.ofSeconds(40)).until(() -> bookings(hub) == 2);
                assertThat(hub.jdbc().queryForList("SELECT booking_id FROM booking WHERE source = 'opera' ORDER BY booking_id", String.class))
                        .containsExactly("17201", "17202");
            }
            assertThat(ohip.contractViolations()).isEmpty();
        }
    }
}
