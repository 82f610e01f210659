package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;

/** A channel's refusal for good, as a plain call on a real (H2) database: the plan's next channel, or the front desk. */
class FallbackTest {

    private static final Instant NOW = Instant.parse("2026-12-09T15:00:00Z");

    private final StageFixture hub = new StageFixture(NOW).plan((venue, guest) -> List.of("email", "sms"));
    private final BookingStore store = hub.store;
    private final Fallback fallback = new Fallback(new DeliveryParts(store, null, null, null, hub.clock, null, null));

    @AfterEach
    void close() {
        hub.close();
    }

    /** A confirmed booking whose delivery is being sent ({@code SENDING}) on the plan's first channel. */
    private DeliveryParts.Ticket sending() {
        int token = hub.apply("e1", EventType.CONFIRMED, "BK-1", "2026-12-10", "2026-12-12").deliveryToken();
        assertThat(store.claimDelivery("generic", "BK-1", token, NOW, Duration.ofMinutes(1), 3)).isInstanceOf(BookingStore.Claim.Claimed.class);
        return new DeliveryParts.Ticket("generic", "BK-1", token);
    }

    private Booking booking() {
        return store.find("generic", "BK-1").orElseThrow();
    }

    @Test
    void a_refusal_moves_the_delivery_to_the_plans_next_channel_under_a_new_token_due_now() {
        DeliveryParts.Ticket ticket = sending();

        Fallback.Step step = fallback.decide(ticket, "SMTP 550 (MessagingException)", DeliveryState.SENDING);

        assertThat(step).isEqualTo(new Fallback.Step.Next(new DeliveryParts.Ticket("generic", "BK-1", ticket.token() + 1), "sms"));
        Booking b = booking();
        assertThat(b.deliveryChannel).isEqualTo("sms");
        assertThat(b.deliveryPlan).isEmpty();
        assertThat(b.deliveryState).isEqualTo(DeliveryState.SCHEDULED);
        assertThat(b.deliveryScheduled).isEqualTo(NOW);
        assertThat(b.deliveryError).isEqualTo("email: SMTP 550 (MessagingException)");
        assertThat(b.frontDesk).isFalse();
    }

    @Test
    void a_refusal_on_the_last_channel_fails_the_delivery_for_the_front_desk_and_a_stale_one_changes_nothing() {
        DeliveryParts.Ticket first = sending();
        Fallback.Step.Next next = (Fallback.Step.Next) fallback.decide(first, "SMTP 550 (MessagingException)", DeliveryState.SENDING);
        assertThat(store.claimDelivery("generic", "BK-1", next.ticket().token(), NOW, Duration.ofMinutes(1), 3)).isInstanceOf(BookingStore.Claim.Claimed.class);

        assertThat(fallback.decide(next.ticket(), "the number cannot receive SMS", DeliveryState.SENDING)).isEqualTo(new Fallback.Step.FrontDesk());
        Booking b = booking();
        assertThat(b.deliveryState).isEqualTo(DeliveryState.FAILED);
        assertThat(b.frontDesk).isTrue();
        assertThat(b.deliveryError).isEqualTo("sms: the number cannot receive SMS");

        // the first delivery's refusal arriving again (a redelivered message, a late provider report) finds it moved on
        assertThat(fallback.decide(first, "SMTP 550 (MessagingException)", DeliveryState.SENDING)).isEqualTo(new Fallback.Step.MovedOn());
        assertThat(booking().deliveryState).isEqualTo(DeliveryState.FAILED);
    }
}
