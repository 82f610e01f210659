package org.wifionboarding.hub.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.observe.HubMeters;
import org.wifionboarding.hub.store.BookingStore.Stalled;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * What the stall watch finds, as plain values, on a real (H2) database: no Camel, no broker. The stays began yesterday in
 * Paris, so each one's delivery (a day before check-in) is long due. {@code StallRecoveryTest} runs the watch in a whole
 * hub whose messages were lost.
 */
class StallWatchTest {

    private static final Duration AFTER = Duration.ofMinutes(2);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

    private final StageFixture hub = new StageFixture(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StallWatch watch = new StallWatch(hub.store, AFTER, 3, hub.clock, new HubMeters(() -> registry));

    @AfterEach
    void close() {
        hub.close();
    }

    private int confirmed(String bookingId) {
        return hub.apply("e-" + bookingId, EventType.CONFIRMED, bookingId, TODAY.minusDays(1).toString(), TODAY.plusDays(2).toString()).deliveryToken();
    }

    private void later(Duration by) {
        hub.now(hub.now().plus(by));
    }

    @Test
    void work_younger_than_the_stall_time_is_left_to_its_message() {
        confirmed("BK-FRESH");
        later(AFTER.minusSeconds(5));

        assertThat(watch.stalled()).isEmpty();
        assertThat(registry.find("hub.stalled.resumed").counter()).isNull();
    }

    @Test
    void a_booking_never_provisioned_and_a_delivery_never_sent_are_both_handed_back_and_counted() {
        int token = confirmed("BK-LOST");
        later(AFTER.plusSeconds(1));

        assertThat(watch.stalled()).containsExactly(new Stalled("generic", "BK-LOST", Stalled.PROVISION, 0),
                new Stalled("generic", "BK-LOST", Stalled.DELIVER, token));
        assertThat(registry.counter("hub.stalled.resumed").count()).isEqualTo(2);

        hub.store.provisioned("generic", "BK-LOST", "radius", null, hub.now());
        assertThat(watch.stalled()).containsExactly(new Stalled("generic", "BK-LOST", Stalled.DELIVER, token));

        hub.store.claimDelivery("generic", "BK-LOST", token, hub.now(), Duration.ofSeconds(30), 3);
        hub.store.deliveryOutcome("generic", "BK-LOST", token, DeliveryState.SENT, null, hub.now());
        assertThat(watch.stalled()).isEmpty();
    }

    @Test
    void a_send_claimed_and_never_finished_is_handed_back_once_its_claim_is_older_than_the_stall_time() {
        int token = confirmed("BK-SENDING");
        hub.store.provisioned("generic", "BK-SENDING", "radius", null, hub.now());
        later(AFTER.plusSeconds(1));
        assertThat(hub.store.claimDelivery("generic", "BK-SENDING", token, hub.now(), Duration.ofSeconds(30), 3)).isNotNull();

        assertThat(watch.stalled()).as("claimed just now: the send may be under way").isEmpty();
        later(AFTER.plusSeconds(1));
        assertThat(watch.stalled()).containsExactly(new Stalled("generic", "BK-SENDING", Stalled.DELIVER, token));
    }

    @Test
    void a_cancelled_booking_has_nothing_to_resume() {
        confirmed("BK-CANCELLED");
        hub.apply("e-cancel", EventType.CANCELLED, "BK-CANCELLED", TODAY.minusDays(1).toString(), TODAY.plusDays(2).toString());
        later(AFTER.plusSeconds(1));

        assertThat(watch.stalled()).isEmpty();
    }

    @Test
    void one_sweep_takes_at_most_a_batch() {
        for (int i = 1; i <= 4; i++) {
            confirmed("BK-MANY-" + i);
        }
        later(AFTER.plusSeconds(1));

        assertThat(watch.stalled()).as("8 stalled stages, a batch of 3").hasSize(3);
        assertThat(registry.counter("hub.stalled.resumed").count()).isEqualTo(3);
    }
}
