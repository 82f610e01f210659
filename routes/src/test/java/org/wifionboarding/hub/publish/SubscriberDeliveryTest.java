package org.wifionboarding.hub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.publish.SubscriberDelivery.Event;

/**
 * One event posted to one subscriber, as plain calls: signed (checked by Standard Webhooks' reference library in a
 * loopback receiver), once, and in the booking's order, on a real (H2) event log. No Camel route, no broker: the broker's
 * retries are {@code LifecycleEventsTest}'s, in a whole hub.
 */
class SubscriberDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    // the receiver checks the signature's time against its own clock: the hub's starts now
    private final StageFixture hub = new StageFixture(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final WebhookReceiver receiver = receiver();
    private final EventLog log = new EventLog(hub.dataSource, hub.clock);
    private final SubscriberDelivery delivery = new SubscriberDelivery(Subscribers.from(Map.of("hub.subscribers.crm.url", receiver.url(),
            "hub.subscribers.crm.secret", SECRET)), log, hub.clock);

    private static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver(SECRET);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        receiver.close();
        hub.close();
    }

    private Event event(int seq, int previous) {
        return delivery.event("generic", "BK-1", seq, previous, "msg_" + seq, "{\"type\":\"booking.confirmed\",\"data\":{\"sequence\":" + seq + "}}");
    }

    @Test
    void an_event_is_posted_signed_once_and_a_redelivered_copy_is_not_posted_again() throws Exception {
        delivery.deliver("crm", event(1, 0));
        delivery.deliver("crm", event(1, 0));

        assertThat(receiver.received).singleElement().satisfies(r -> {
            assertThat(r.verified()).as("signature checked by the reference library").isTrue();
            assertThat(r.webhookId()).isEqualTo("msg_1");
            assertThat(r.body()).contains("\"sequence\":1");
        });
        assertThat(log.delivered("crm", "generic", "BK-1", 1)).isTrue();
    }

    @Test
    void an_event_waits_until_the_subscriber_has_taken_the_bookings_previous_one() throws Exception {
        assertThatThrownBy(() -> delivery.deliver("crm", event(2, 1))).isInstanceOf(SubscriberUnavailableException.class)
                .hasMessageContaining("waits for the booking's event #1");
        assertThat(receiver.received).isEmpty();

        delivery.deliver("crm", event(1, 0));
        delivery.deliver("crm", event(2, 1));
        assertThat(receiver.received).extracting(WebhookReceiver.Received::webhookId).containsExactly("msg_1", "msg_2");
    }

    @Test
    void a_subscriber_answering_other_than_2xx_is_tried_again_and_taken_once_it_answers() throws Exception {
        receiver.status = 503;
        assertThatThrownBy(() -> delivery.deliver("crm", event(1, 0))).isInstanceOf(SubscriberUnavailableException.class)
                .hasMessageContaining("answered 503");
        assertThat(log.delivered("crm", "generic", "BK-1", 1)).isFalse();

        receiver.status = 204;
        delivery.deliver("crm", event(1, 0));
        assertThat(log.delivered("crm", "generic", "BK-1", 1)).isTrue();
        assertThat(delivery.givenUp("crm", "msg_1", "generic", "BK-1", new SubscriberUnavailableException("subscriber crm answered 503"), 8))
                .isEqualTo("subscriber crm answered 503");
    }
}
