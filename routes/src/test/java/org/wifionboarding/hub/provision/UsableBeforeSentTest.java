package org.wifionboarding.hub.provision;

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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * A guest is sent only a credential the network accepts: a controller that refuses the key (400) gets the guest
 * nothing and the front desk a flag; one that is unavailable for a while (503) delays the email until the key exists,
 * and the timeline shows "usable" before "sent".
 */
class UsableBeforeSentTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final String SECRET = "venue-controller-secret-0123456789abcdef";
    @TempDir
    static Path dataDir;
    static RunningHub hub;
    static HttpStub refusing;
    static HttpStub recovering;
    static final AtomicInteger unavailableFor = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        refusing = new HttpStub();
        refusing.on("POST", "/provision", (r, m) -> HttpStub.Reply.json(400, Map.of("error", "unknown SSID 'Guest-5G'")));
        recovering = new HttpStub();
        recovering.on("POST", "/provision", (r, m) -> unavailableFor.getAndDecrement() > 0
                ? HttpStub.Reply.json(503, Map.of("error", "controller restarting"))
                : HttpStub.Reply.json(200, Map.of("reference", "ctl-" + r.json().path("username").asText())));
        hub = RunningHub.start(dataDir, Map.ofEntries(
                Map.entry("hub.smtp.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("hub.smtp.host", "127.0.0.1"),
                Map.entry("hub.venues.refusing.credential", "psk"),
                Map.entry("hub.venues.refusing.target", "refusing-ctl"),
                Map.entry("hub.targets.refusing-ctl.type", "http"),
                Map.entry("hub.targets.refusing-ctl.url", refusing.url() + "/provision"),
                Map.entry("hub.targets.refusing-ctl.secret", SECRET),
                Map.entry("hub.venues.recovering.credential", "psk"),
                Map.entry("hub.venues.recovering.target", "recovering-ctl"),
                Map.entry("hub.targets.recovering-ctl.type", "http"),
                Map.entry("hub.targets.recovering-ctl.url", recovering.url() + "/provision"),
                Map.entry("hub.targets.recovering-ctl.secret", SECRET)));
    }

    @AfterAll
    static void stop() {
        hub.close();
        refusing.close();
        recovering.close();
    }

    private static JsonNode booking(String id) throws Exception {
        var response = hub.getAdmin("/api/bookings/generic/" + id);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : Json.MAPPER.createObjectNode();
    }

    private static void confirm(String eventId, String venue, String bookingId) throws Exception {
        String arrival = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString();
        assertThat(hub.postGeneric(generic(eventId, "confirmed", Instant.now().toString(), venue, bookingId, arrival,
                LocalDate.now(ZoneOffset.UTC).plusDays(2).toString())).statusCode()).isEqualTo(202);
    }

    @Test
    void a_key_the_controller_refuses_is_never_sent_and_the_front_desk_is_flagged() throws Exception {
        long mailsBefore = smtp.getReceivedMessages().length;
        confirm("refused-1", "refusing", "BK-REFUSED");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(booking("BK-REFUSED").at("/delivery/state").asText()));
        JsonNode booking = booking("BK-REFUSED");
        assertThat(booking.at("/provisioning/state").asText()).isEqualTo("FAILED");
        assertThat(booking.at("/provisioning/error").asText()).contains("HTTP 400").contains("unknown SSID");
        assertThat(booking.at("/delivery/frontDesk").asBoolean()).isTrue();
        assertThat(booking.at("/delivery/attempts")).isEmpty();
        assertThat(smtp.getReceivedMessages()).as("nothing was sent to the guest").hasSize((int) mailsBefore);
        assertThat(refusing.requests("POST", "/provision")).as("a refusal is not retried").hasSize(1);
        assertThat(booking.path("timeline").findValuesAsText("entry")).anyMatch(e -> e.startsWith("provisioning refused for good"))
                .anyMatch(e -> e.equals("delivery not sent: provisioning failed; front desk follow-up"))
                .noneMatch(e -> e.startsWith("credential sent"));
        assertThat(hub.management("/observe/metrics").body()).containsPattern("hub_provisioning_failed_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void a_key_the_controller_makes_late_is_sent_once_it_exists() throws Exception {
        unavailableFor.set(2);
        confirm("late-1", "recovering", "BK-LATE");
        await().atMost(Duration.ofSeconds(40)).until(() -> "SENT".equals(booking("BK-LATE").at("/delivery/state").asText()));
        JsonNode booking = booking("BK-LATE");
        assertThat(booking.at("/provisioning/state").asText()).isEqualTo("OK");
        assertThat(recovering.requests("POST", "/provision")).hasSize(3);
        List<String> timeline = booking.path("timeline").findValuesAsText("entry");
        int usable = indexOf(timeline, "recovering-ctl: psk usable");
        int sent = indexOf(timeline, "credential sent by email");
        assertThat(timeline).anyMatch(e -> e.equals("delivery waits until the credential is usable on the network"));
        assertThat(usable).as(timeline.toString()).isNotNegative().isLessThan(sent);
        assertThat(booking.at("/delivery/frontDesk").asBoolean()).isFalse();
    }

    private static int indexOf(List<String> timeline, String prefix) {
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
