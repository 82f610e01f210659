package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.TwilioStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * A stadium on-sale: 1,000 bookings at once for a venue whose SMS are limited to 1,800 a minute. Every
 * credential is made at once; the messages drain at the allowed rate, measured from the Twilio stub's
 * receive times; meanwhile the backlog is visible as the depth of {@code hub.delivery.sms}.
 */
class DeliveryThrottleTest {

    static final int BOOKINGS = 1000;
    // below the rate at which even a cold test JVM makes credentials (40-90/s here), so the throttle is what limits the SMS
    static final int PER_MINUTE = 1800;

    @TempDir
    Path dataDir;

    @Test
    void a_burst_of_bookings_is_credentialed_at_once_and_messaged_at_the_venues_rate() throws Exception {
        try (TwilioStub twilio = new TwilioStub();
             RunningHub hub = RunningHub.start(dataDir, Map.ofEntries(
                     Map.entry("hub.channels.twilio.api-url", twilio.url()),
                     Map.entry("hub.channels.twilio.account-sid", TwilioStub.ACCOUNT_SID),
                     Map.entry("hub.channels.twilio.auth-token", TwilioStub.AUTH_TOKEN),
                     Map.entry("hub.channels.twilio.from", "+15017122661"),
                     Map.entry("hub.channels.twilio.per-minute", "1000000"),
                     Map.entry("hub.consumers", "4"),
                     Map.entry("hub.venues.stadium.delivery-lead", "P30D"),
                     Map.entry("hub.venues.stadium.channels", "sms"),
                     Map.entry("hub.venues.stadium.throttle.sms", String.valueOf(PER_MINUTE))))) {
            Instant start = Instant.now();
            ExecutorService senders = Executors.newFixedThreadPool(16);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < BOOKINGS; i++) {
                int n = i;
                statuses.add(senders.submit(() -> hub.postGeneric("""
                        {"eventId": "onsale-%d", "type": "confirmed", "occurredAt": "%s", "venueId": "stadium", "bookingId": "TICKET-%d",
                         "arrival": "%s", "departure": "%s", "guest": {"name": "Fan %d", "phone": "+4477009%05d", "language": "en"}}
                        """.formatted(n, Instant.now(), n, LocalDate.now().plusDays(1), LocalDate.now().plusDays(2), n, n)).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
            senders.shutdown();
            Instant accepted = Instant.now();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE venue_id = 'stadium' AND state = 'PENDING'", Long.class) == BOOKINGS);
            Instant allCredentials = Instant.now();
            long backlog = smsQueueDepth(hub);
            int sentSoFar = twilio.messages().size();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> twilio.messages().size() == BOOKINGS);
            List<Instant> received = twilio.requests("POST", "/2010-04-01/").stream().map(HttpStub.Request::at).sorted().toList();
            int busiest = busiestSecond(received);
            Duration drain = Duration.between(received.get(0), received.get(received.size() - 1));
            double rate = (received.size() - 1) / (drain.toMillis() / 1000.0);
            System.out.printf("burst: %d bookings accepted in %d ms, credentialed in %d ms (%d SMS sent by then, backlog in hub.delivery.sms %d); "
                            + "%d SMS over %d ms = %.1f/s, busiest second %d (limit %d/min)%n",
                    BOOKINGS, Duration.between(start, accepted).toMillis(), Duration.between(start, allCredentials).toMillis(), sentSoFar, backlog, received.size(), drain.toMillis(), rate,
                    busiest, PER_MINUTE);

            // the hub spaces sends evenly; arrival times carry the scheduler's and the network's jitter, so allow 20 % on top of one token (without the throttle the same burst shows 188)
            assertThat(busiest).as("messages in the busiest second").isLessThanOrEqualTo(PER_MINUTE / 60 * 120 / 100 + 1);
            assertThat(rate).as("average rate").isLessThanOrEqualTo(PER_MINUTE / 60.0 + 1);
            assertThat(sentSoFar).as("credentials were all made while messages were still draining").isLessThan(BOOKINGS);
            assertThat(backlog).as("the backlog shows as queue depth").isPositive();
        }
    }

    static int busiestSecond(List<Instant> times) {
        int busiest = 0;
        int j = 0;
        for (int i = 0; i < times.size(); i++) {
            while (j < times.size() && times.get(j).isBefore(times.get(i).plusSeconds(1))) {
                j++;
            }
            busiest = Math.max(busiest, j - i);
        }
        return busiest;
    }

    private static long smsQueueDepth(RunningHub hub) throws Exception {
        String mbean = "org.apache.activemq.artemis:broker=%22wifi-onboarding-hub%22,component=addresses,address=%22hub.delivery.sms%22,"
                + "subcomponent=queues,routing-type=%22anycast%22,queue=%22hub.delivery.sms%22";
        JsonNode answer = Json.MAPPER.readTree(hub.management("/observe/jolokia/read/" + mbean + "/MessageCount").body());
        return answer.path("value").asLong(-1);
    }
}
