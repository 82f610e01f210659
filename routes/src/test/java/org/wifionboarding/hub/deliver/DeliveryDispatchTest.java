package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.lifecycle.BookingLifecycle;
import org.wifionboarding.hub.lifecycle.LifecycleOutcome;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.HubDatabase;
import org.wifionboarding.hub.store.PassphraseGenerator;

/** The dispatcher's decision for a due delivery, as a plain value, on a real (H2) database: no Camel, no broker. */
class DeliveryDispatchTest {

    private static final Guest GUEST = new Guest("g-1", "Ada Guest", "ada@example.org", "+33600000001", "fr", null);
    private static final Instant NOW = Instant.parse("2026-12-09T15:00:00Z");

    private final HikariDataSource dataSource = HubDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
            + HubDatabase.H2_OPTIONS, "", "", 4);
    private final BookingStore store = new BookingStore(dataSource);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final BookingLifecycle lifecycle = new BookingLifecycle(store,
            VenueDirectory.from(Map.of("hub.venues.paris.timezone", "Europe/Paris"), Map.of()), new AtRestCipher(new byte[32]),
            new PassphraseGenerator(12), clock, (venue, guest) -> List.of("email"));
    private final DeliveryDispatch dispatch = new DeliveryDispatch(new DeliveryParts(store, null, null, null, clock, null, null));

    @AfterEach
    void close() {
        dataSource.close();
    }

    private DeliveryParts.Ticket confirmed(String bookingId) {
        LifecycleOutcome outcome = lifecycle.apply(new BookingEvent("e-" + bookingId, "generic", "e-" + bookingId, EventType.CONFIRMED,
                NOW.minusSeconds(60), NOW.minusSeconds(60).toString(), "paris", bookingId, BookingKind.STAY, "2026-12-10", "2026-12-12", null, GUEST));
        return new DeliveryParts.Ticket("generic", bookingId, outcome.deliveryToken());
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
        lifecycle.apply(new BookingEvent("e-cancel", "generic", "e-cancel", EventType.CANCELLED, NOW, NOW.toString(), "paris", "BK-MOVED",
                BookingKind.STAY, "2026-12-10", "2026-12-12", null, GUEST));
        assertThat(dispatch.decide(ticket, 0)).isEqualTo(new DeliveryDispatch.Decision.MovedOn());
        assertThat(dispatch.decide(new DeliveryParts.Ticket("generic", "BK-NONE", 1), 0)).isEqualTo(new DeliveryDispatch.Decision.MovedOn());
    }
}
