package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.store.BookingStore;

/** The dispatcher's decision for a due delivery, as a plain value, on a real (H2) database: no Camel, no broker. */
class DeliveryDispatchTest {

    private static final Instant NOW = Instant.parse("2026-12-09T15:00:00Z");

    private final StageFixture hub = new StageFixture(NOW);
    private final BookingStore store = hub.store;
    private final DeliveryDispatch dispatch = new DeliveryDispatch(new DeliveryParts(store, null, null, null, hub.clock, null, null));

    @AfterEach
    void close() {
        hub.close();
    }

    private DeliveryParts.Ticket confirmed(String bookingId) {
        return new DeliveryParts.Ticket("generic", bookingId, hub.apply("e-" + bookingId, EventType.CONFIRMED, bookingId, "2026-12-10", "2026-12-12").deliveryToken());
    }

    private long timelineEntries(String bookingId, String text) {
        return store.timeline("generic", bookingId).stream().filter(e -> String.valueOf(e.get("entry")).contains(text)).count();
    }

    @Test
    void a_credential_the_network_holds_is_sent_on_the_bookings_channel() {
        DeliveryParts.Ticket ticket = confirmed("BK-SEND");
        store.provisioned("generic", "BK-SEND", "radius", null, NOW);

        assertThat(dispatch.decide(ticket, 0)).isEqualTo(new DeliveryDispatch.Decision.Send("email"));
    }

    @Test
    void until_the_network_holds_it_the_delivery_waits_backing_off_from_a_quarter_second_to_a_minute_noted_once() {
        DeliveryParts.Ticket ticket = confirmed("BK-WAIT");

        assertThat(dispatch.decide(ticket, 0)).isEqualTo(new DeliveryDispatch.Decision.Wait(NOW.plusMillis(250), 1));
        assertThat(dispatch.decide(ticket, 1)).isEqualTo(new DeliveryDispatch.Decision.Wait(NOW.plusMillis(500), 2));
        assertThat(dispatch.decide(ticket, 12)).isEqualTo(new DeliveryDispatch.Decision.Wait(NOW.plusSeconds(60), 13));
        assertThat(timelineEntries("BK-WAIT", "waits until the credential is usable")).isEqualTo(1);
    }

    @Test
    void provisioning_failed_for_good_sends_nothing_and_flags_the_front_desk_once() {
        DeliveryParts.Ticket ticket = confirmed("BK-FAILED");
        store.provisioningOutcome("generic", "BK-FAILED", BookingStore.PROVISIONING_FAILED, "controller refused", NOW);

        assertThat(dispatch.decide(ticket, 3)).isEqualTo(new DeliveryDispatch.Decision.NotProvisioned(true));
        assertThat(store.find("generic", "BK-FAILED").orElseThrow().deliveryError).contains("controller refused");
        // a second copy of the message (a redelivery) finds the delivery FAILED: nothing to send, no second flag
        assertThat(dispatch.decide(ticket, 3)).isEqualTo(new DeliveryDispatch.Decision.MovedOn());
        assertThat(timelineEntries("BK-FAILED", "front desk follow-up")).isEqualTo(1);
    }

    @Test
    void a_message_for_an_older_delivery_or_a_cancelled_booking_has_nothing_to_send() {
        DeliveryParts.Ticket ticket = confirmed("BK-MOVED");
        store.provisioned("generic", "BK-MOVED", "radius", null, NOW);

        assertThat(dispatch.decide(new DeliveryParts.Ticket("generic", "BK-MOVED", ticket.token() + 1), 0))
                .isEqualTo(new DeliveryDispatch.Decision.MovedOn());
        hub.now(NOW.plusSeconds(5));
        hub.apply("e-cancel", EventType.CANCELLED, "BK-MOVED", "2026-12-10", "2026-12-12");
        assertThat(dispatch.decide(ticket, 0)).isEqualTo(new DeliveryDispatch.Decision.MovedOn());
        assertThat(dispatch.decide(new DeliveryParts.Ticket("generic", "BK-NONE", 1), 0)).isEqualTo(new DeliveryDispatch.Decision.MovedOn());
    }
}
