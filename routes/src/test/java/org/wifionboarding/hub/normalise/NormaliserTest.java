package org.wifionboarding.hub.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.ingest.SchemaDrift;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.InvalidBookingException;
import org.wifionboarding.hub.normalise.Normaliser.Normalised;
import org.wifionboarding.hub.store.IngestLedger;
import org.wifionboarding.hub.store.ReviewStore;

/** What one accepted webhook becomes, as plain values, on a real (H2) database: no Camel route, no broker. */
class NormaliserTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final StageFixture hub = new StageFixture(NOW);
    private final IngestLedger ledger = new IngestLedger(hub.dataSource);
    private final Map<String, String> config = Map.of("hub.sources.generic.token", "generic-token");
    private final Normaliser normaliser = new Normaliser(new SourceRegistry(o -> config.getOrDefault(o.key(), o.defaultValue())), ledger,
            new SchemaDrift(Duration.ofMinutes(15), 0.5, hub.clock, () -> null), new ReviewStore(hub.dataSource, hub.cipher));

    @AfterEach
    void close() {
        ledger.close();
        hub.close();
    }

    private static byte[] confirmed(String eventId, String bookingId) {
        return GuestEvents.generic(eventId, "confirmed", "2026-11-30T10:00:00Z", "paris", bookingId, "2026-12-10", "2026-12-12")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_webhook_becomes_one_canonical_event_grouped_by_its_booking() throws Exception {
        Normalised done = normaliser.normalise("generic", "ev-1", "generic:wh-1", null, confirmed("wh-1", "BK-1"));

        assertThat(done.ignoredEntries()).isZero();
        assertThat(done.reconciledMiss()).isFalse();
        assertThat(done.events()).singleElement().satisfies(event -> {
            assertThat(event.groupId()).isEqualTo("generic:BK-1");
            assertThat(Json.MAPPER.readTree(event.json()).path("bookingId").asText()).isEqualTo("BK-1");
            assertThat(Json.MAPPER.readTree(event.json()).path("venueId").asText()).isEqualTo("paris");
        });
    }

    @Test
    void a_key_another_event_owns_is_dropped_and_a_copy_under_the_same_id_goes_on() throws Exception {
        normaliser.normalise("generic", "ev-2", "generic:wh-2", null, confirmed("wh-2", "BK-2"));

        assertThat(normaliser.normalise("generic", "ev-other", "generic:wh-2", null, confirmed("wh-2", "BK-2")))
                .isEqualTo(new Normalised(List.of(), 0, false));
        assertThat(normaliser.normalise("generic", "ev-2", "generic:wh-2", null, confirmed("wh-2", "BK-2")).events())
                .as("a redelivered copy: the lifecycle applies it once").hasSize(1);
    }

    @Test
    void a_change_reconciliation_fed_is_counted_as_a_miss() throws Exception {
        assertThat(normaliser.normalise("generic", "ev-3", "reconcile:BK-3@v1", "reconciliation", confirmed("wh-3", "BK-3")).reconciledMiss()).isTrue();
        assertThat(normaliser.normalise("generic", "ev-4", "generic:wh-4", null, confirmed("wh-4", "BK-4")).reconciledMiss()).isFalse();
    }

    @Test
    void a_webhook_that_cannot_become_a_booking_is_refused_naming_the_field_and_a_disabled_source_waits() {
        byte[] noDeparture = new String(confirmed("wh-5", "BK-5"), StandardCharsets.UTF_8).replace("\"departure\"", "\"depart\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> normaliser.normalise("generic", "ev-5", "generic:wh-5", null, noDeparture))
                .isInstanceOfSatisfying(InvalidBookingException.class, refused -> assertThat(refused.field()).isEqualTo("departure"));
        assertThatThrownBy(() -> normaliser.normalise("mews", "ev-6", "mews:x", null, confirmed("wh-6", "BK-6")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("source mews is disabled");
    }
}
