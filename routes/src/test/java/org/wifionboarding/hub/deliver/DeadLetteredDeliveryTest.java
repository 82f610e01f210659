package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/** A delivery the broker gives up on (SMTP unreachable on every attempt) shows FAILED with its reason, never "will retry". */
class DeadLetteredDeliveryTest {

    @TempDir
    Path dataDir;

    @Test
    void a_delivery_dead_lettered_after_its_last_attempt_is_failed_with_the_reason_and_flagged() throws Exception {
        // nothing listens on SMTP port 1: every attempt fails with a transient error
        try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.venues.default.delivery-lead", "P30D"))) {
            assertThat(hub.postGeneric(generic("dlq-1", "confirmed", Instant.now().toString(), "default", "BK-DLQ",
                    LocalDate.now().plusDays(3).toString(), LocalDate.now().plusDays(4).toString())).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(40)).until(() -> hub.getAdmin("/api/bookings/generic/BK-DLQ").statusCode() == 200
                    && "FAILED".equals(Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/BK-DLQ").body()).at("/delivery/state").asText()));
            JsonNode booking = Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/BK-DLQ").body());
            assertThat(booking.at("/delivery/frontDesk").asBoolean()).isTrue();
            assertThat(booking.at("/delivery/error").asText()).startsWith("email: ").contains("dead-lettered");
            assertThat(booking.path("timeline").findValuesAsText("entry")).last().asString().startsWith("delivery failed for good");

            String mbean = "org.apache.activemq.artemis:broker=%22wifi-onboarding-hub%22,component=addresses,address=%22DLA%22,"
                    + "subcomponent=queues,routing-type=%22multicast%22,queue=%22DLQ.hub.delivery.email%22";
            await().atMost(Duration.ofSeconds(10)).until(() -> Json.MAPPER.readTree(
                    hub.getAdmin("/api/dead-letters/hub.delivery.email").body()).path("messages").size() == 1);
            JsonNode dead = Json.MAPPER.readTree(hub.getAdmin("/api/dead-letters/hub.delivery.email").body());
            assertThat(dead.at("/messages/0/bookingRef").asText()).isEqualTo("generic:BK-DLQ");
            assertThat(dead.at("/messages/0/reason").asText()).contains("dead-lettered");
            assertThat(dead.toString()).doesNotContain(org.wifionboarding.hub.GuestEvents.EMAIL).doesNotContain(org.wifionboarding.hub.GuestEvents.NAME);
            assertThat(Json.MAPPER.readTree(hub.getAdmin("/api/dead-letters").body()).path("queues").findValuesAsText("queue"))
                    .contains("hub.inbound", "hub.provisioning", "hub.delivery.email");
            assertThat(hub.management("/observe/jolokia/exec/" + mbean + "/browse()").body()).as("Jolokia is read-only")
                    .doesNotContain("\"status\":200");
        }
    }
}
