package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replay sends a booking's dead-lettered events back in the booking's order, where the booking's first dead letter
 * stood; dead letters that are not numbered events (a provisioning or delivery message) keep their places.
 */
class DeadLettersOrderTest {

    private static DeadLetters.Dead event(String booking, long sequence) {
        return new DeadLetters.Dead(null, booking, sequence);
    }

    private static String label(DeadLetters.Dead d) {
        return d.group() + (d.sequence() == null ? "" : "#" + d.sequence());
    }

    @Test
    void each_bookings_events_go_back_by_their_number() {
        // as a subscriber's dead-letter queue holds them: in the order each was given up
        List<DeadLetters.Dead> given = List.of(event("B1", 2), event("B2", 2), event("B1", 1), event("B2", 3), event("B2", 1),
                new DeadLetters.Dead(null, "B3", null), event("B1", 3), new DeadLetters.Dead(null, null, null));
        assertThat(DeadLetters.inBookingOrder(given).stream().map(DeadLettersOrderTest::label))
                .containsExactly("B1#1", "B1#2", "B1#3", "B2#1", "B2#2", "B2#3", "B3", "null");
    }

    @Test
    void dead_letters_without_numbers_keep_their_order() {
        List<DeadLetters.Dead> given = List.of(new DeadLetters.Dead(null, "generic:B9", null), new DeadLetters.Dead(null, "generic:B1", null),
                new DeadLetters.Dead(null, "generic:B9", null));
        assertThat(DeadLetters.inBookingOrder(given)).containsExactlyElementsOf(given);
    }
}
