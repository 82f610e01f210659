package org.wifionboarding.hub.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.camel.ConsumerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;

/** Provisioning and a delivery whose messages were lost are found by the stall watch and done, once. */
class StallRecoveryTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dataDir;

    /**
     * A controller reached over HTTP: its credentials go through {@code hub.provisioning} (a radius-sql credential is made in
     * the event's own transaction and has no provisioning message to lose).
     */
    @Test
    void a_booking_whose_provisioning_and_delivery_messages_were_lost_is_provisioned_and_delivered_after_the_stall_time() throws Exception {
        try (HttpStub controller = new HttpStub();
             RunningHub hub = RunningHub.start(dataDir, Map.of("hub.smtp.host", "127.0.0.1", "hub.smtp.port", String.valueOf(smtp.getSmtp().getPort()),
                "hub.venues.default.delivery-lead", "P30D", "hub.recovery.stall-after", "PT2S", "hub.credentials.expiry-sweep-ms", "1000",
                "hub.venues.default.target", "ctl", "hub.targets.ctl.type", "http", "hub.targets.ctl.url", controller.url() + "/provision",
                "hub.targets.ctl.secret", "venue-controller-secret-0123456789abcdef"))) {
            controller.on("POST", "/provision", (r, m) -> HttpStub.Reply.json(200, Map.of("reference", "ctl-" + r.json().path("username").asText())));
            hub.context().getRouteController().stopRoute("provision");
            hub.context().getRouteController().stopRoute("deliver");
            assertThat(hub.postGeneric(generic("stall-1", "confirmed", Instant.now().toString(), "default", "BK-STALL",
                    LocalDate.now().plusDays(3).toString(), LocalDate.now().plusDays(4).toString())).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/BK-STALL").statusCode() == 200);
            ConsumerTemplate lose = hub.context().createConsumerTemplate();
            assertThat(lose.receiveBody(HubComponents.JMS + ":queue:hub.provisioning", 5_000)).as("the provisioning message, lost").isNotNull();
            assertThat(lose.receiveBody(HubComponents.JMS + ":queue:hub.delivery", 5_000)).as("the delivery message, lost").isNotNull();
            hub.context().getRouteController().startRoute("provision");
            hub.context().getRouteController().startRoute("deliver");

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var b = Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/BK-STALL").body());
                return "OK".equals(b.at("/provisioning/state").asText()) && "SENT".equals(b.at("/delivery/state").asText());
            });
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(hub.management("/observe/metrics").body()).contains("hub_stalled_resumed_total");
        }
    }

    /**
     * Seen in a full-size fault run: a node was killed while sending, and the send's message never came back; the booking
     * stayed SENDING, and the stall watch handed it to a stage that only takes SCHEDULED deliveries ("nothing to send").
     */
    @Test
    void a_send_left_sending_by_a_lost_message_is_taken_over_and_sent_once() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.smtp.host", "127.0.0.1", "hub.smtp.port", String.valueOf(smtp.getSmtp().getPort()),
                "hub.venues.default.delivery-lead", "P30D", "hub.recovery.stall-after", "PT2S", "hub.credentials.expiry-sweep-ms", "1000",
                "hub.delivery.claim-lease", "PT1S"))) {
            hub.context().getRouteController().stopRoute("resume-stalled");
            hub.context().getRouteController().stopRoute("deliver-email");
            assertThat(hub.postGeneric(generic("stall-2", "confirmed", Instant.now().toString(), "default", "BK-SENDING",
                    LocalDate.now().plusDays(3).toString(), LocalDate.now().plusDays(4).toString())).statusCode()).isEqualTo(202);
            // the send was claimed and its node died with the message: SENDING, a claim long expired, nothing on any queue
            ConsumerTemplate lose = hub.context().createConsumerTemplate();
            assertThat(lose.receiveBody(HubComponents.JMS + ":queue:hub.delivery.email", 20_000)).as("the send's message, lost").isNotNull();
            assertThat(hub.jdbc().update("UPDATE booking SET delivery_state = 'SENDING', delivery_claimed_at = ?, updated_at = ? "
                    + "WHERE booking_id = 'BK-SENDING'", java.sql.Timestamp.from(Instant.now().minusSeconds(60)),
                    java.sql.Timestamp.from(Instant.now().minusSeconds(60)))).isEqualTo(1);
            hub.context().getRouteController().startRoute("deliver-email");
            hub.context().getRouteController().startRoute("resume-stalled");

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "SENT".equals(Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/BK-SENDING").body()).at("/delivery/state").asText()));
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        }
    }
}
