package org.wifionboarding.hub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A subscriber's predecessor is the latest earlier event of the booking among those it wants. */
class EventLogTest {

    @Test
    void the_predecessor_is_the_latest_earlier_event_the_subscriber_wants() {
        TreeMap<Integer, EventType> events = new TreeMap<>();
        events.put(1, EventType.BOOKING_CONFIRMED);
        events.put(2, EventType.CREDENTIAL_USABLE);
        events.put(3, EventType.CREDENTIAL_DELIVERED);
        events.put(5, EventType.CREDENTIAL_REVOKED);   // after the event in hand: never its predecessor
        EventLog.Recorded fourth = new EventLog.Recorded(4, "msg_x", Instant.EPOCH, events);

        assertThat(fourth.previous(t -> true)).isEqualTo(3);
        assertThat(fourth.previous(t -> t != EventType.CREDENTIAL_DELIVERED)).isEqualTo(2);
        assertThat(fourth.previous(t -> t == EventType.BOOKING_CONFIRMED)).isEqualTo(1);
        assertThat(fourth.previous(t -> t == EventType.BOOKING_CHECKED_OUT)).isZero();
        assertThat(new EventLog.Recorded(1, "msg_y", Instant.EPOCH, events).previous(t -> true)).isZero();
    }
}
