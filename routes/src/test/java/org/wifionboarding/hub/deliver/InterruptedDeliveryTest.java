package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/**
 * A send a crash interrupted (the booking says SENDING, its message comes back without the redelivered flag,
 * as it does after a SIGKILL) is taken over once its claim's lease has run out, and reaches the guest; it
 * never stays SENDING. The state a crash leaves is made here by holding the channel's route and marking the
 * claim by hand; the crash itself is the fault tests' business.
 */
class InterruptedDeliveryTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path dataDir;
    static RunningHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = RunningHub.start(dataDir, Map.of("hub.smtp.host", "127.0.0.1", "hub.smtp.port", String.valueOf(smtp.getSmtp().getPort()),
                "hub.venues.default.delivery-lead", "P30D", "hub.delivery.claim-lease", "PT2S"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonNode booking(String id) throws Exception {
        return Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/" + id).body());
    }

    /** A booking whose email waits in hub.delivery.email, its claim marked as a crashed consumer left it ({@code claimedAgo} ago). */
    private static void interruptedSend(String id, Duration claimedAgo) throws Exception {
        interruptedSend(id, claimedAgo, 0);
    }

    /** The same, after {@code takeovers} earlier take-overs, all written before the email route starts again. */
    private static void interruptedSend(String id, Duration claimedAgo, int takeovers) throws Exception {
        hub.context().getRouteController().stopRoute("deliver-email");
        try {
            long waiting = emailQueueDepth();
            assertThat(hub.postGeneric(generic("int-" + id, "confirmed", Instant.now().toString(), "default", id,
                    LocalDate.now().plusDays(3).toString(), LocalDate.now().plusDays(4).toString())).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/" + id).statusCode() == 200
                    && "SCHEDULED".equals(booking(id).at("/delivery/state").asText()));
            // dispatch has run (provisioning done) once the message waits in the stopped email route's queue
            await().atMost(Duration.ofSeconds(20)).until(() -> emailQueueDepth() == waiting + 1);
            hub.jdbc().update("UPDATE booking SET delivery_state = 'SENDING', delivery_attempts = 1, delivery_claimed_at = ?, "
                    + "delivery_takeovers = ? WHERE booking_id = ?", OffsetDateTime.now(ZoneOffset.UTC).minus(claimedAgo), takeovers, id);
        } finally {
            hub.context().getRouteController().startRoute("deliver-email");
        }
    }

    private static long emailQueueDepth() throws Exception {
        return hub.queueDepth("hub.delivery.email");
    }

    private static long emailsTo(String address) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    @Test
    void a_send_whose_claim_outlived_its_lease_is_taken_over_and_reaches_the_guest_once() throws Exception {
        long before = emailsTo(GuestEvents.EMAIL);
        interruptedSend("BK-INT-1", Duration.ofMinutes(5));

        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(booking("BK-INT-1").at("/delivery/state").asText()));
        assertThat(emailsTo(GuestEvents.EMAIL)).isEqualTo(before + 1);
        assertThat(booking("BK-INT-1").path("timeline").findValuesAsText("entry")).contains("an interrupted send by email is tried again");
    }

    @Test
    void a_send_still_within_its_lease_is_looked_at_again_when_the_lease_runs_out_and_then_sent() throws Exception {
        interruptedSend("BK-INT-2", Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(booking("BK-INT-2").at("/delivery/state").asText()));
        assertThat(booking("BK-INT-2").path("timeline").findValuesAsText("entry")).contains("an interrupted send by email is tried again");
    }

    @Test
    void a_send_interrupted_too_often_ends_failed_for_the_front_desk_not_sending() throws Exception {
        long before = emailsTo(GuestEvents.EMAIL);
        // the take-overs written with the claim, before the route runs again: set afterwards, the restarted route could
        // take the message over first and send it (seen with two test JVMs sharing the cores)
        interruptedSend("BK-INT-3", Duration.ofMinutes(5), 3);

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(booking("BK-INT-3").at("/delivery/state").asText()));
        JsonNode b = booking("BK-INT-3");
        assertThat(b.at("/delivery/frontDesk").asBoolean()).isTrue();
        assertThat(b.at("/delivery/error").asText()).contains("interrupted");
        assertThat(emailsTo(GuestEvents.EMAIL)).isEqualTo(before);
    }
}
