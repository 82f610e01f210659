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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/** What the hub does when the SMTP server says no: 4xx is retried with the broker's back-off, 5xx is a failure for the front desk. */
class SmtpRefusalsTest {

    @TempDir
    static Path dataDir;
    static ScriptedSmtpServer smtp;
    static RunningHub hub;

    @BeforeAll
    static void start() throws Exception {
        smtp = new ScriptedSmtpServer();
        hub = RunningHub.start(dataDir, Map.of("hub.smtp.host", "127.0.0.1", "hub.smtp.port", String.valueOf(smtp.port()),
                "hub.venues.default.delivery-lead", "P30D"));
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        smtp.close();
    }

    private static JsonNode deliveredBooking(String id) throws Exception {
        String arrival = LocalDate.now().plusDays(3).toString();
        assertThat(hub.postGeneric(generic("smtp-" + id, "confirmed", Instant.now().toString(), "default", id, arrival,
                LocalDate.now().plusDays(4).toString())).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode b = Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/" + id).body());
            String state = b.at("/delivery/state").asText();
            return state.equals("SENT") || state.equals("FAILED");
        });
        return Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/" + id).body());
    }

    @Test
    void a_4xx_reply_is_retried_until_the_server_takes_the_message() throws Exception {
        smtp.script("451 4.3.0 mailbox busy, try again later", "421 4.7.0 too many connections");
        int acceptedBefore = smtp.accepted();

        JsonNode booking = deliveredBooking("BK-SMTP-4XX");

        assertThat(booking.at("/delivery/state").asText()).isEqualTo("SENT");
        assertThat(booking.at("/delivery/attempts").findValuesAsText("state")).containsExactly("DEFERRED", "DEFERRED", "SENT");
        assertThat(booking.at("/delivery/attempts").findValuesAsText("error").get(0)).startsWith("SMTP 451");
        assertThat(smtp.accepted()).isEqualTo(acceptedBefore + 1);
        assertThat(booking.path("timeline").findValuesAsText("entry"))
                .anyMatch(e -> e.startsWith("delivery deferred (SMTP 451")).anyMatch(e -> e.equals("credential sent by email"));
    }

    @Test
    void a_5xx_reply_fails_the_delivery_at_once_and_flags_it_for_the_front_desk() throws Exception {
        smtp.script("550 5.1.1 no such mailbox");
        int refusedBefore = smtp.refused();

        JsonNode booking = deliveredBooking("BK-SMTP-5XX");

        assertThat(booking.at("/delivery/state").asText()).isEqualTo("FAILED");
        assertThat(booking.at("/delivery/error").asText()).startsWith("email: SMTP 550");
        assertThat(booking.at("/delivery/attempts").findValuesAsText("state")).containsExactly("FAILED");
        assertThat(booking.at("/delivery/frontDesk").asBoolean()).isTrue();
        assertThat(smtp.refused()).isEqualTo(refusedBefore + 1);
        assertThat(booking.path("timeline").findValuesAsText("entry")).anyMatch(e -> e.contains("front desk"));
    }
}
