package org.wifionboarding.hub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/**
 * Lifecycle events out, through the whole hub: a booking confirmed and checked out reaches each subscriber (a real HTTP
 * server verifying signatures with Standard Webhooks' reference library) once per transition, in order; the topic
 * {@code hub.events} carries the same events; personal data only where configured; a failing subscriber backs off,
 * keeps the booking's order and dead-letters without holding up the others, and its dead letters replay in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleEventsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final List<String> STAY = List.of("booking.confirmed", "credential.usable", "credential.delivered", "booking.checked_out",
            "credential.revoked");

    @TempDir
    static Path dataDir;
    static RunningHub hub;
    static WebhookReceiver crm;
    static WebhookReceiver survey;
    static WebhookReceiver broken;
    static Connection topicConnection;
    static final List<TextMessage> onTopic = new CopyOnWriteArrayList<>();

    static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @BeforeAll
    static void start() throws Exception {
        String crmSecret = secret();
        String surveySecret = secret();
        String brokenSecret = secret();
        crm = new WebhookReceiver(crmSecret);
        survey = new WebhookReceiver(surveySecret);
        broken = new WebhookReceiver(brokenSecret);
        broken.status = 503;
        hub = RunningHub.start(dataDir, Map.ofEntries(
                Map.entry("hub.smtp.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("hub.smtp.host", "127.0.0.1"),
                Map.entry("hub.venues.hotel-paris.timezone", "Europe/Paris"),
                Map.entry("hub.venues.hotel-nice.timezone", "Europe/Paris"),
                Map.entry("hub.subscribers.crm.url", crm.url()),
                Map.entry("hub.subscribers.crm.secret", crmSecret),
                Map.entry("hub.subscribers.crm.personal-data", "true"),
                Map.entry("hub.subscribers.survey.url", survey.url()),
                Map.entry("hub.subscribers.survey.secret", surveySecret),
                Map.entry("hub.subscribers.survey.events", "booking.checked_out"),
                Map.entry("hub.subscribers.survey.venues", "hotel-paris"),
                Map.entry("hub.subscribers.survey.per-second", "7"),
                Map.entry("hub.subscribers.broken.url", broken.url()),
                Map.entry("hub.subscribers.broken.secret", brokenSecret),
                Map.entry("hub.events.first-connection-poll-ms", "500"),
                // 5 attempts (0.1, 0.5, 2.5, 12.5 s apart) rather than the tests' usual 4: after a replay each event a
                // consumer takes before its predecessor was delivered spends an attempt waiting, and with 4 attempts in
                // 3 s the last of a booking's five events was dead-lettered again on a loaded 2-core machine (the hub's
                // own schedule allows 10 attempts over about 35 h)
                Map.entry("hub.broker.embedded.max-delivery-attempts", "5")));
        // a middleware team's own route, made from the hub's template, into an endpoint of its own
        hub.context().addRouteFromTemplate("host-checkouts", EventRoutes.EVENTS_TEMPLATE, Map.of("subscription", "host-checkouts",
                "selector", "HubEventType = 'booking.checked_out'", "to", "seda:host-checkouts"));
        topicConnection = new ActiveMQConnectionFactory("vm://0").createConnection();
        Session session = topicConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createTopic("hub.events")).setMessageListener(m -> onTopic.add((TextMessage) m));
        topicConnection.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (topicConnection != null) {
            topicConnection.close();
        }
        hub.close();
        crm.close();
        survey.close();
        broken.close();
    }

    private static List<JsonNode> events(WebhookReceiver receiver, String bookingId) {
        return receiver.received.stream().map(r -> {
            try {
                return Json.MAPPER.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> e.path("data").path("booking").path("bookingId").asText().equals(bookingId)).toList();
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    private static void post(String eventId, String type, String occurredAt, String venue, String bookingId, LocalDate arrival, LocalDate departure)
            throws Exception {
        var response = hub.postGeneric(GuestEvents.generic(eventId, type, occurredAt, venue, bookingId, arrival.toString(), departure.toString()));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
    }

    @Test
    @Order(1)
    void a_stay_reaches_each_subscriber_once_per_transition_in_order_signed() throws Exception {
        LocalDate today = LocalDate.now(PARIS);
        // arrived yesterday: check-in (15:00 in Paris) is past whatever the hour of the run, so the credential is usable at
        // once (with arrival today, before 15:00 in Paris credential.usable comes only at check-in)
        LocalDate arrival = today.minusDays(1);
        post("ev-1", "confirmed", "2026-01-01T10:00:00Z", "hotel-paris", "B1", arrival, today.plusDays(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(events(crm, "B1")).containsAll(STAY.subList(0, 3)));
        post("ev-2", "checked_out", "2026-01-01T11:00:00Z", "hotel-paris", "B1", arrival, today.plusDays(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(events(crm, "B1")).size() >= 5);

        List<JsonNode> got = events(crm, "B1");
        assertThat(types(got)).containsExactlyElementsOf(STAY);
        assertThat(got.stream().map(e -> e.path("data").path("sequence").asInt()).toList()).containsExactly(1, 2, 3, 4, 5);
        assertThat(crm.received).allMatch(WebhookReceiver.Received::verified);
        assertThat(crm.received.stream().map(WebhookReceiver.Received::webhookId).distinct().count()).isEqualTo(crm.received.size());
        assertThat(got).allMatch(e -> e.path("data").path("id").asText().equals(
                crm.received.get(got.indexOf(e)).webhookId()));

        // the window in the venue's zone, the guest's data because crm is configured for it
        JsonNode usable = got.get(1);
        assertThat(usable.path("data").path("window").path("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(usable.path("data").path("window").path("validUntil").asText())
                .isEqualTo(today.plusDays(2).atTime(11, 0).atZone(PARIS).toInstant().toString());
        assertThat(usable.path("data").path("window").path("localUntil").asText()).startsWith(today.plusDays(2) + "T11:00");
        assertThat(usable.path("data").path("guest").path("email").asText()).isEqualTo(GuestEvents.EMAIL);
        assertThat(got.get(2).path("data").path("channel").asText()).isEqualTo("email");

        // survey wants check-outs of hotel-paris only, and no personal data
        await().atMost(Duration.ofSeconds(10)).until(() -> !survey.received.isEmpty());
        assertThat(types(events(survey, "B1"))).containsExactly("booking.checked_out");
        assertThat(survey.received).allMatch(WebhookReceiver.Received::verified)
                .noneMatch(r -> r.body().contains(GuestEvents.EMAIL) || r.body().contains(GuestEvents.NAME) || r.body().contains(GuestEvents.PHONE));
        assertThat(survey.received.get(0).webhookId()).isEqualTo(got.get(3).path("data").path("id").asText());

        // the topic: the same five events, with headers a selector can use, and nothing personal
        await().atMost(Duration.ofSeconds(10)).until(() -> onTopic.size() >= 5);
        assertThat(onTopic.stream().map(m -> {
            try {
                return m.getStringProperty("HubEventType");
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        }).toList()).containsExactlyElementsOf(STAY);
        for (TextMessage m : onTopic) {
            assertThat(m.getText()).doesNotContain(GuestEvents.EMAIL).doesNotContain(GuestEvents.NAME).doesNotContain(GuestEvents.PHONE);
            assertThat(m.getStringProperty("JMSXGroupID")).isEqualTo("generic:B1");
        }
        // the template's route took only the check-out, as its selector says
        var host = hub.context().createConsumerTemplate();
        String checkout = host.receiveBody("seda:host-checkouts", 10_000, String.class);
        assertThat(Json.MAPPER.readTree(checkout).path("type").asText()).isEqualTo("booking.checked_out");
        assertThat(host.receiveBody("seda:host-checkouts", 500, String.class)).isNull();
    }

    @Test
    @Order(2)
    void the_same_transition_told_again_is_not_a_second_event() throws Exception {
        LocalDate today = LocalDate.now(PARIS);
        LocalDate arrival = today.minusDays(1);   // check-in past at any hour of the run, as above
        // a first event (a modification the hub never saw confirmed) makes the credential
        post("ev-3", "modified", "2026-01-01T09:00:00Z", "hotel-nice", "B2", arrival, today.plusDays(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(events(crm, "B2")).containsAll(STAY.subList(0, 3)));
        // a later modification that changes nothing the subscribers see: the credential is neither made nor moved
        post("ev-4", "modified", "2026-01-01T09:30:00Z", "hotel-nice", "B2", arrival, today.plusDays(1));
        // the stay extended: usable again, for the new window
        post("ev-5", "modified", "2026-01-01T10:00:00Z", "hotel-nice", "B2", arrival, today.plusDays(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(events(crm, "B2")).size() >= 4);
        List<JsonNode> got = events(crm, "B2");
        assertThat(types(got).subList(0, 3)).containsExactlyElementsOf(STAY.subList(0, 3));
        assertThat(types(got)).containsOnlyOnce("booking.confirmed");
        List<JsonNode> usable = got.stream().filter(e -> e.path("type").asText().equals("credential.usable")).toList();
        assertThat(usable).hasSize(2);
        assertThat(usable.get(1).path("data").path("window").path("validUntil").asText())
                .isEqualTo(today.plusDays(3).atTime(11, 0).atZone(PARIS).toInstant().toString());
        assertThat(got.stream().map(e -> e.path("data").path("sequence").asInt()).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(events(survey, "B2")).isEmpty();   // hotel-nice is not survey's

        // the guest's first session, as FreeRADIUS' accounting writes it: announced once, however often it is read
        String username = hub.jdbc().queryForObject("SELECT username FROM booking WHERE booking_id = 'B2'", String.class);
        hub.jdbc().update("INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, callingstationid) "
                + "VALUES ('s1', 'u1', ?, '192.0.2.1', TIMESTAMP WITH TIME ZONE '2026-01-01 16:05:00+00', '02-00-00-00-00-01')", username);
        await().atMost(Duration.ofSeconds(30)).until(() -> types(events(crm, "B2")).contains("guest.first_connected"));
        var polls = new org.apache.camel.builder.NotifyBuilder(hub.context()).fromRoute("first-connections").whenCompleted(3).create();
        hub.jdbc().update("INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, callingstationid) "
                + "VALUES ('s2', 'u2', ?, '192.0.2.1', TIMESTAMP WITH TIME ZONE '2026-01-01 17:00:00+00', '02-00-00-00-00-02')", username);
        JsonNode connected = events(crm, "B2").stream().filter(e -> e.path("type").asText().equals("guest.first_connected")).findFirst().orElseThrow();
        assertThat(connected.path("data").path("firstConnectedAt").asText()).isEqualTo("2026-01-01T16:05:00Z");
        // three more polls of the accounting, and what they announced published and sent: none announced the guest again
        assertThat(polls.matches(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queueDepth("hub.lifecycle-events") == 0 && hub.queueDepth("hub.subscriber.crm") == 0);
        assertThat(types(events(crm, "B2"))).containsOnlyOnce("guest.first_connected");
    }

    @Test
    @Order(3)
    void a_failing_subscriber_keeps_the_order_backs_off_dead_letters_and_replays_in_order() throws Exception {
        // broken answered 503 to the first event of B1 on every attempt (5 in this test's broker settings) and was never
        // sent B1's later events: each waited for the first, then was dead-lettered too
        int expected = events(crm, "B1").size() + events(crm, "B2").size();
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.queueDepth("DLA::DLQ.hub.subscriber.broken") >= expected);
        List<JsonNode> tried = events(broken, "B1");
        assertThat(tried).isNotEmpty().allMatch(e -> e.path("type").asText().equals("booking.confirmed"));
        assertThat(broken.received.stream().filter(r -> r.body().contains("\"B1\"")).map(WebhookReceiver.Received::webhookId).distinct()).hasSize(1);
        assertThat(tried).hasSizeGreaterThanOrEqualTo(4);
        String deadLetters = hub.getAdmin("/api/dead-letters").body();
        assertThat(deadLetters).contains("hub.subscriber.broken");

        // the others were never held up: everything for crm arrived (test 1 and 2)
        assertThat(hub.queueDepth("hub.subscriber.crm")).isZero();

        // fixed, replayed: every event, once, in order
        broken.status = 200;
        broken.received.clear();
        var replay = hub.admin("POST", "/api/dead-letters/hub.subscriber.broken/replay", RunningHub.ADMIN_TOKEN);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        // a replayed event taken before its predecessor waits on the subscriber's retry schedule (200 ms growing fivefold
        // here: 0.2, 1, 5, 25, 125 s), so a replay that meets its events out of order more than four times takes minutes
        await().atMost(Duration.ofSeconds(180)).until(() -> broken.received.size() >= expected);
        assertThat(types(events(broken, "B1"))).containsExactlyElementsOf(STAY);
        assertThat(types(events(broken, "B2"))).containsExactlyElementsOf(types(events(crm, "B2")));
        assertThat(broken.received).allMatch(WebhookReceiver.Received::verified);
    }

    @Test
    @Order(4)
    void the_events_of_a_booking_purged_over_a_day_ago_are_forgotten() {
        hub.jdbc().update("UPDATE booking SET purged_at = CURRENT_TIMESTAMP - INTERVAL '2' DAY WHERE booking_id = 'B1'");
        EventLog log = hub.context().getRegistry().lookupByNameAndType("eventLog", EventLog.class);
        assertThat(log.forgetPurged()).isPositive();
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM lifecycle_event WHERE booking_id = 'B1'", Integer.class)).isZero();
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM subscriber_delivery WHERE booking_id = 'B1'", Integer.class)).isZero();
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM lifecycle_event WHERE booking_id = 'B2'", Integer.class)).isPositive();
    }

    @Test
    @Order(5)
    void each_subscriber_is_throttled_at_its_own_rate() {
        var model = (org.apache.camel.model.ModelCamelContext) hub.context();
        for (var expected : Map.of("survey", "7", "crm", "20").entrySet()) {
            var route = model.getRouteDefinition("subscriber-" + expected.getKey());
            var throttle = route.getOutputs().stream().filter(o -> o instanceof org.apache.camel.model.ThrottleDefinition)
                    .map(o -> (org.apache.camel.model.ThrottleDefinition) o).findFirst().orElseThrow();
            assertThat(throttle.getExpression().getExpression()).isEqualTo(expected.getValue());
            assertThat(throttle.getTimePeriodMillis()).isEqualTo("1000");
            assertThat(throttle.getMode()).isEqualTo("TotalRequests");
        }
    }

    @Test
    @Order(6)
    void a_replay_sends_a_bookings_dead_letters_back_in_the_bookings_order() throws Exception {
        // the subscriber's route stopped, so the replayed messages stay in its queue, in the order the replay sent them
        hub.context().getRouteController().stopRoute("subscriber-broken");
        String group = "generic:B-REPLAY";
        try (Connection connection = new ActiveMQConnectionFactory("vm://0").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // the dead-letter address is multicast; its fully qualified queue name reaches this subscriber's queue alone
            var dead = session.createProducer(session.createTopic("DLA::DLQ.hub.subscriber.broken"));
            for (long sequence : new long[] {2, 3, 1}) {   // the order in which they were given up
                TextMessage message = session.createTextMessage("{\"sequence\":" + sequence + "}");
                message.setStringProperty("JMSXGroupID", group);
                message.setLongProperty("HubEventSequence", sequence);
                message.setStringProperty("_AMQ_ORIG_ADDRESS", "hub.subscriber.broken");
                dead.send(message);
            }
            var replay = hub.admin("POST", "/api/dead-letters/hub.subscriber.broken/replay", RunningHub.ADMIN_TOKEN);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(replay.body()).path("replayed").asInt()).isGreaterThanOrEqualTo(3);

            connection.start();
            List<Long> order = new java.util.ArrayList<>();
            try (var browser = session.createBrowser(session.createQueue("hub.subscriber.broken"), "JMSXGroupID = '" + group + "'")) {
                for (Object m : java.util.Collections.list(browser.getEnumeration())) {
                    order.add(((jakarta.jms.Message) m).getLongProperty("HubEventSequence"));
                }
            }
            assertThat(order).containsExactly(1L, 2L, 3L);
        }
    }
}
