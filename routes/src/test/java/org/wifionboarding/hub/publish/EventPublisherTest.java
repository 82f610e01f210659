package org.wifionboarding.hub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.Announce;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.publish.EventPublisher.Outgoing;

/**
 * What a stage's announcement becomes, as plain values, on a real (H2) database: the candidate events of a booking
 * ({@link Announcements}) and the numbered, addressed messages of each ({@link EventPublisher}). No Camel route, no
 * broker; {@code LifecycleEventsTest} runs the same into signed webhooks in a whole hub.
 */
class EventPublisherTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final StageFixture hub = new StageFixture(NOW);
    private final Subscribers subscribers = Subscribers.from(Map.of(
            "hub.subscribers.crm.url", "https://crm.example/hooks", "hub.subscribers.crm.secret", SECRET,
            "hub.subscribers.crm.events", "booking.confirmed,credential.delivered", "hub.subscribers.crm.personal-data", "true",
            "hub.subscribers.ops.url", "https://ops.example/hooks", "hub.subscribers.ops.secret", SECRET,
            "hub.subscribers.ops.venues", "elsewhere"));
    private final Announcements announcements = new Announcements(hub.store, hub.clock);
    private final EventPublisher publisher = new EventPublisher(new EventLog(hub.dataSource, hub.clock), subscribers, hub.venues, hub.store,
            hub.cipher, hub.clock);

    @AfterEach
    void close() {
        hub.close();
    }

    private List<Outgoing> publish(String candidate, String messageId) throws Exception {
        return publisher.publish(candidate, messageId);
    }

    private static JsonNode json(Outgoing outgoing) throws Exception {
        return Json.MAPPER.readTree(outgoing.payload());
    }

    @Test
    void an_applied_confirmation_is_one_numbered_event_on_the_topic_and_to_each_subscriber_that_wants_it() throws Exception {
        hub.apply("e-1", EventType.CONFIRMED, "BK-1", "2026-12-10", "2026-12-12");
        List<String> candidates = announcements.candidates("generic", "BK-1", Announce.APPLIED + "CONFIRMED", null);
        assertThat(candidates).hasSize(1);

        List<Outgoing> out = publish(candidates.get(0), "ID:m-1");

        assertThat(out).extracting(Outgoing::destination).containsExactly("topic:hub.events", "queue:hub.subscriber.crm");
        Outgoing topic = out.get(0);
        assertThat(topic.headers()).containsEntry(HubHeaders.EVENT_TYPE, "booking.confirmed").containsEntry(HubHeaders.GROUP_ID, "generic:BK-1")
                .containsEntry(HubHeaders.EVENT_SEQUENCE, 1).containsEntry(HubHeaders.VENUE, "paris");
        JsonNode event = json(topic);
        assertThat(event.at("/data/sequence").asInt()).isEqualTo(1);
        assertThat(event.at("/data/window/zone").asText()).isEqualTo("Europe/Paris");
        assertThat(event.at("/data/window/localFrom").asText()).as("check-in, in the venue's zone").isEqualTo("2026-12-10T15:00+01:00");
        assertThat(event.at("/data/guest").isMissingNode()).as("no guest data on the topic").isTrue();
        assertThat(json(out.get(1)).at("/data/guest/email").asText()).as("the subscriber configured for it").isEqualTo("ada@example.org");
        assertThat(out.get(1).headers()).containsEntry(HubHeaders.EVENT_PREVIOUS, 0)
                .containsEntry(HubHeaders.WEBHOOK_ID, topic.headers().get(HubHeaders.WEBHOOK_ID));
    }

    @Test
    void the_same_transition_announced_twice_is_one_event_and_a_later_one_names_its_predecessor_per_subscriber() throws Exception {
        hub.apply("e-1", EventType.CONFIRMED, "BK-2", "2026-12-10", "2026-12-12");
        String confirmed = announcements.candidates("generic", "BK-2", Announce.APPLIED + "CONFIRMED", null).get(0);
        publish(confirmed, "ID:m-1");
        assertThat(publish(confirmed, "ID:m-2")).as("a second announcement of the same transition").isEmpty();

        hub.now(NOW.plusSeconds(60));
        hub.apply("e-2", EventType.CANCELLED, "BK-2", "2026-12-10", "2026-12-12");
        List<String> cancelled = announcements.candidates("generic", "BK-2", Announce.APPLIED + "CANCELLED", null);
        assertThat(cancelled).hasSize(2);   // the confirmation again (already published) and the cancellation
        assertThat(publish(cancelled.get(0), "ID:m-3")).isEmpty();
        List<Outgoing> out = publish(cancelled.get(1), "ID:m-3");

        assertThat(out).extracting(Outgoing::destination).as("crm does not want cancellations").containsExactly("topic:hub.events");
        assertThat(out.get(0).headers()).containsEntry(HubHeaders.EVENT_TYPE, "booking.cancelled").containsEntry(HubHeaders.EVENT_SEQUENCE, 2);
    }

    @Test
    void a_booking_whose_guest_data_is_gone_sends_nothing_personal_even_to_a_subscriber_configured_for_it() throws Exception {
        hub.apply("e-1", EventType.CONFIRMED, "BK-3", "2026-12-10", "2026-12-12");
        hub.store.erase("generic", "BK-3", false, NOW);

        List<Outgoing> out = publish(announcements.candidates("generic", "BK-3", Announce.APPLIED + "CONFIRMED", null).get(0), "ID:m-1");

        assertThat(out).hasSize(2);
        assertThat(json(out.get(1)).at("/data/guest").isMissingNode()).isTrue();
    }
}
