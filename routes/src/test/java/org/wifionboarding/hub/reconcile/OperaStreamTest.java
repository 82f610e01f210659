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

/**
 * OPERA Cloud's streaming API (GraphQL over WebSocket): the hub subscribes from the persisted offset, makes a
 * booking of each event as it comes, and after a restart resumes at the offset, without gaps or repeats; the
 * REST business events are not polled meanwhile.
 */
class OperaStreamTest {

    @TempDir
    Path dataDir;

    private static Map<String, String> config(OperaStub ohip, OperaStreamStub stream) {
        Map<String, String> config = new HashMap<>(ohip.hubConfig());
        config.put("hub.venues.opera-london.id", OperaStub.HOTEL);
        config.put("hub.venues.opera-london.timezone", "Europe/London");
        config.put("hub.sources.opera.stream-url", stream.url());
        config.put("hub.sources.opera.chain-code", "CHAINX");
        config.put("hub.sources.opera.stream-window", "PT3S");
        return config;
    }

    private static long bookings(RunningHub hub) {
        return hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE source = 'opera'", Long.class);
    }

    @Test
    void events_stream_in_as_they_happen_and_a_restart_resumes_at_the_persisted_offset() throws Exception {
        try (OperaStub ohip = new OperaStub(); OperaStreamStub stream = new OperaStreamStub(OperaStub.APP_KEY, "ohip-token")) {
            for (int i = 1; i <= 3; i++) {
                stream.reservationEvent(i, "1800" + i);
            }
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip, stream))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> bookings(hub) == 3);
                assertThat(stream.subscriptions().get(0).path("offset").isMissingNode()).as("the first subscription starts where OPERA keeps it").isTrue();
                assertThat(stream.subscriptions().get(0).path("chainCode").asText()).isEqualTo("CHAINX");
                assertThat(stream.subscriptions().get(0).path("hotelCode").asText()).isEqualTo("HQLON");

                stream.reservationEvent(4, "18004");   // while a subscription is open
                await().atMost(Duration.ofSeconds(20)).until(() -> bookings(hub) == 4);
                await().atMost(Duration.ofSeconds(10)).until(() -> "4".equals(hub.jdbc().queryForObject(
                        "SELECT position FROM source_cursor WHERE source = 'poll:opera'", String.class)));
            }
            int before = stream.subscriptions().size();
            stream.reservationEvent(5, "18005");   // while the hub is down
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip, stream))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> bookings(hub) == 5);
                assertThat(stream.subscriptions().get(before).path("offset").asText()).as("resumed after the persisted offset").isEqualTo("5");
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM ingest_key WHERE source = 'opera'", Long.class))
                        .as("each event accepted once").isEqualTo(5);
            }
            assertThat(ohip.polls()).as("no REST polling while streaming").isZero();
            assertThat(stream.queryErrors()).as("the subscription asks only for what Oracle's schema has").isEmpty();
        }
    }

    private static org.wifionboarding.hub.connect.SourceConnector.Poller poller(OperaStub ohip, OperaStreamStub stream) {
        Map<String, String> values = config(ohip, stream);
        values.put("hub.sources.opera.stream-window", "PT1S");
        return new org.wifionboarding.hub.connect.opera.OperaConnectorFactory()
                .create(o -> values.getOrDefault(o.key(), o.defaultValue())).poller().orElseThrow();
    }

    @Test
    void a_quiet_stream_returns_an_empty_page_after_its_window_and_a_refused_token_is_renewed_once_then_reported() throws Exception {
        try (OperaStub ohip = new OperaStub(); OperaStreamStub stream = new OperaStreamStub(OperaStub.APP_KEY, "ohip-token")) {
            var page = poller(ohip, stream).poll("7");
            assertThat(page.events()).isEmpty();
            assertThat(page.cursor()).isEqualTo("7");
            assertThat(page.more()).isFalse();
            assertThat(stream.subscriptions()).extracting(input -> input.path("offset").asText()).as("from the event after the 7th").containsExactly("8");
        }
        try (OperaStub ohip = new OperaStub(); OperaStreamStub stream = new OperaStreamStub(OperaStub.APP_KEY, "another-token")) {
            var poller = poller(ohip, stream);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> poller.poll(null)).hasMessageContaining("token was refused");
            assertThat(ohip.requests("POST", "/oauth/v1/tokens")).as("a new token before the second try").hasSize(2);
            assertThat(stream.subscriptions()).isEmpty();
        }
    }
}
