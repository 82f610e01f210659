package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.HubSettings;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.lifecycle.BookingLifecycle;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;
import org.wifionboarding.hub.store.HubDatabase;
import org.wifionboarding.hub.store.PassphraseGenerator;

/** An operator's resend as a plain call on a real (H2) database: what it schedules, and each refusal as the problem the API answers. */
class ResendsTest {

    private static final Guest GUEST = new Guest("g-1", "Ada Guest", "ada@example.org", null, "fr", null);
    private static final Instant NOW = Instant.parse("2026-12-10T15:00:00Z");

    private final HikariDataSource dataSource = HubDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
            + HubDatabase.H2_OPTIONS, "", "", 4);
    private final BookingStore store = new BookingStore(dataSource);
    private final AtRestCipher cipher = new AtRestCipher(new byte[32]);
    private final VenueDirectory venues = VenueDirectory.from(Map.of("hub.venues.paris.timezone", "Europe/Paris"), Map.of());
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ChannelRegistry channels = new ChannelRegistry(new HubSettings(camel), dataSource, clock);
    private final BookingLifecycle lifecycle = new BookingLifecycle(store, venues, cipher, new PassphraseGenerator(12), clock, channels::plan);
    private final Resends resends = new Resends(new DeliveryParts(store, venues, channels, cipher, clock, null, null), Duration.ofMinutes(5));

    @AfterEach
    void close() throws Exception {
        dataSource.close();
        camel.close();
    }

    private void event(String id, EventType type) {
        lifecycle.apply(new BookingEvent(id, "generic", id, type, now.minusSeconds(1), now.minusSeconds(1).toString(), "paris", "BK-1",
                BookingKind.STAY, "2026-12-10", "2026-12-12", null, GUEST));
    }

    private int problem(String channel) {
        return catchThrowableOfType(WebhookRejection.class, () -> resends.resend(new BookingRef("generic", "BK-1"), channel)).problem().status();
    }

    @Test
    void a_resend_schedules_the_credential_now_under_a_new_token_and_clears_the_front_desk_flag() {
        event("e1", EventType.CONFIRMED);
        Booking before = store.find("generic", "BK-1").orElseThrow();

        DeliveryParts.Ticket ticket = resends.resend(new BookingRef("generic", "BK-1"), null);

        Booking after = store.find("generic", "BK-1").orElseThrow();
        assertThat(ticket).isEqualTo(new DeliveryParts.Ticket("generic", "BK-1", before.deliveryToken + 1));
        assertThat(after.deliveryToken).isEqualTo(ticket.token());
        assertThat(after.deliveryState).isEqualTo(DeliveryState.SCHEDULED);
        assertThat(after.deliveryScheduled).isEqualTo(NOW);
        assertThat(after.deliveryChannel).isEqualTo("email");
        assertThat(after.frontDesk).isFalse();
        assertThat(store.timeline("generic", "BK-1")).extracting(e -> e.get("entry")).contains("re-send requested by an operator, by email");
    }

    @Test
    void each_refusal_is_the_problem_the_api_answers() {
        assertThat(problem(null)).as("no such booking").isEqualTo(404);

        event("e1", EventType.CONFIRMED);
        assertThat(problem("sms")).as("a channel that is not configured").isEqualTo(400);

        resends.resend(new BookingRef("generic", "BK-1"), null);
        now = NOW.plusSeconds(60);
        assertThat(problem(null)).as("again within the resend interval").isEqualTo(429);
        now = NOW.plusSeconds(301);
        assertThat(resends.resend(new BookingRef("generic", "BK-1"), "email").token()).isPositive();

        event("e2", EventType.CANCELLED);
        now = NOW.plusSeconds(700);
        assertThat(problem(null)).as("no live credential").isEqualTo(409);
    }
}
