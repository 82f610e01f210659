package org.wifionboarding.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.connect.mews.MewsStub;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;

/**
 * What a reconciliation run finds and feeds, as plain values, against the Mews stub (Mews' documented shapes) and a real
 * (H2) database: no Camel route, no broker. {@code ReconciliationTest} runs it on its Quartz schedule in a whole hub.
 */
class ReconcilerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration OVERLAP = Duration.ofMinutes(10);

    private final StageFixture hub = new StageFixture(NOW);
    private final MewsStub mews = stub();
    private final Map<String, String> config = Map.of("hub.sources.mews.token", "mews-webhook-token", "hub.sources.mews.api-url", mews.url(),
            "hub.sources.mews.client-token", "mews-client-token", "hub.sources.mews.access-token", "mews-access-token", "hub.sources.mews.venue", "paris");
    private final Reconciler reconciler = new Reconciler(new SourceRegistry(o -> config.getOrDefault(o.key(), o.defaultValue())), hub.store,
            hub.dataSource, OVERLAP, Duration.ofDays(1), hub.clock);

    private static MewsStub stub() {
        try {
            return new MewsStub();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        mews.close();
        hub.close();
    }

    private void reservation(String id, String updatedUtc) {
        mews.reservation(id, "Confirmed", "cust-1", updatedUtc, "2026-12-10T14:00:00Z", "2026-12-12T10:00:00Z");
        mews.customer("cust-1", "Iris", "Okafor", "iris.okafor@example.co.uk", "+447700900555", "en");
    }

    private String windowStart() {
        return mews.requests().stream().filter(r -> r.path().endsWith("reservations/getAll/2023-06-06") && r.body().has("UpdatedUtc"))
                .reduce((a, b) -> b).orElseThrow().body().at("/UpdatedUtc/StartUtc").asText();
    }

    @Test
    void a_change_no_webhook_brought_is_fed_once_under_a_key_that_names_its_version() throws Exception {
        reservation("res-lost", "2026-12-01T08:30:00Z");

        Reconciler.Run run = reconciler.reconcile("mews");

        assertThat(run.windowEnd()).isEqualTo(NOW);
        assertThat(run.missed()).singleElement().satisfies(missed -> {
            assertThat(missed.dedupeKey()).isEqualTo("reconcile:res-lost@2026-12-01T08:30:00Z");
            assertThat(missed.headers()).containsEntry(HubHeaders.SOURCE, "mews").containsEntry(HubHeaders.ORIGIN, "reconciliation")
                    .containsEntry(HubHeaders.ARTEMIS_DUPLICATE_ID, missed.eventId()).containsEntry(HubHeaders.RECEIVED_AT, NOW.toEpochMilli());
            assertThat(new String(missed.notification(), java.nio.charset.StandardCharsets.UTF_8)).contains("res-lost");
        });
        assertThat(reconciler.reconcile("mews").missed().get(0).eventId()).as("a second run: the same event id, so the broker drops the copy")
                .isEqualTo(run.missed().get(0).eventId());
    }

    @Test
    void a_booking_the_hub_has_at_that_version_or_newer_is_not_fed_and_a_newer_version_is() throws Exception {
        reservation("res-seen", "2026-12-01T08:30:00Z");
        hub.lifecycle().apply(new BookingEvent("e-seen", "mews", "e-seen", EventType.CONFIRMED, NOW.minusSeconds(1800), "2026-12-01T08:30:00Z", "paris",
                "res-seen", BookingKind.STAY, "2026-12-10", "2026-12-12", null, StageFixture.GUEST));

        assertThat(reconciler.reconcile("mews").missed()).isEmpty();

        reservation("res-seen", "2026-12-01T08:45:00Z");
        assertThat(reconciler.reconcile("mews").missed()).extracting(Reconciler.Missed::dedupeKey).containsExactly("reconcile:res-seen@2026-12-01T08:45:00Z");
    }

    @Test
    void the_first_run_looks_back_a_day_and_once_advanced_the_next_starts_at_the_cursor_less_the_overlap() throws Exception {
        Reconciler.Run first = reconciler.reconcile("mews");
        assertThat(Instant.parse(windowStart())).isEqualTo(NOW.minus(Duration.ofDays(1)).minus(OVERLAP));

        reconciler.advance(first);
        hub.now(NOW.plus(Duration.ofMinutes(15)));
        reconciler.reconcile("mews");

        assertThat(Instant.parse(windowStart())).isEqualTo(NOW.minus(OVERLAP));
    }
}
