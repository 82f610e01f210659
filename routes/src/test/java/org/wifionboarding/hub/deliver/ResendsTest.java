package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.HubSettings;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;

/** An operator's resend as a plain call on a real (H2) database: what it schedules, and each refusal as the problem the API answers. */
class ResendsTest {

    private static final Instant NOW = Instant.parse("2026-12-10T15:00:00Z");

    private final StageFixture hub = new StageFixture(NOW);
    private final BookingStore store = hub.store;
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ChannelRegistry channels = new ChannelRegistry(new HubSettings(camel), hub.dataSource, hub.clock);
    private final Resends resends = new Resends(new DeliveryParts(store, hub.venues, channels, hub.cipher, hub.clock, null, null), Duration.ofMinutes(5));

    @AfterEach
    void close() throws Exception {
        hub.close();
        camel.close();
    }

    private void event(String id, EventType type) {
        hub.apply(id, type, "BK-1", "2026-12-10", "2026-12-12");
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
        hub.now(NOW.plusSeconds(60));
        assertThat(problem(null)).as("again within the resend interval").isEqualTo(429);
        hub.now(NOW.plusSeconds(301));
        assertThat(resends.resend(new BookingRef("generic", "BK-1"), "email").token()).isPositive();

        event("e2", EventType.CANCELLED);
        hub.now(NOW.plusSeconds(700));
        assertThat(problem(null)).as("no live credential").isEqualTo(409);
    }
}
