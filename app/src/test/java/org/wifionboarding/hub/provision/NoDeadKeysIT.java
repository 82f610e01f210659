package org.wifionboarding.hub.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.MerakiStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * Through the packaged hub (the jar a venue runs): a key the controller refuses is never sent and the front desk is
 * flagged; a key the controller makes late (429 with Retry-After, then a 502) is sent once it exists; a target missing
 * what its vendor's API requires stops the start, naming every key at once.
 */
class NoDeadKeysIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final String ADMIN = "no-dead-keys-admin-token-0123456789";
    static final String SOURCE = "no-dead-keys-source-token";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    static Path work;
    static MerakiStub meraki;
    static Process hub;
    static int http;
    static final HttpClient client = HttpClient.newHttpClient();

    static Process start(Path dir, Map<String, String> config) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("HUB_DATA_DIR", dir.resolve("data").toString(), "HUB_HTTP_HOST", "127.0.0.1",
                "HUB_ADMIN_TOKEN", ADMIN, "HUB_SOURCES_GENERIC_TOKEN", SOURCE, "HUB_SMTP_HOST", "127.0.0.1",
                "HUB_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()), "HUB_VENUES_DEFAULT_DELIVERY_LEAD", "P30D",
                "HUB_VENUES_DEFAULT_TIMEZONE", "Europe/Paris"));
        env.putAll(config);
        return org.wifionboarding.hub.app.PackagedHub.start(env, "384m", dir.resolve("hub.log"));
    }

    @BeforeAll
    static void startHub() throws Exception {
        meraki = new MerakiStub("N_1", 3);
        http = RunningHub.freePort();
        int management = RunningHub.freePort();
        hub = start(work, Map.of("HUB_HTTP_PORT", String.valueOf(http), "HUB_MANAGEMENT_PORT", String.valueOf(management),
                "HUB_VENUES_DEFAULT_CREDENTIAL", "psk", "HUB_VENUES_DEFAULT_TARGET", "meraki",
                "HUB_TARGETS_MERAKI_API_URL", meraki.apiUrl(), "HUB_TARGETS_MERAKI_API_KEY", MerakiStub.API_KEY,
                "HUB_TARGETS_MERAKI_NETWORK_ID", "N_1", "HUB_TARGETS_MERAKI_SSID_NUMBER", "3", "HUB_TARGETS_MERAKI_GROUP_POLICY_ID", "101"));
        org.wifionboarding.hub.app.PackagedHub.awaitHealthy(management, "/observe/health/ready");
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.destroy();
            hub.waitFor(60, TimeUnit.SECONDS);
        }
        meraki.close();
    }

    static void confirm(String eventId, String bookingId, String email) throws Exception {
        String arrival = ZonedDateTime.now(PARIS).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString();
        String body = GuestEvents.generic(eventId, "confirmed", Instant.now().toString(), "default", bookingId, arrival,
                LocalDate.now(PARIS).plusDays(2).toString()).replace(GuestEvents.EMAIL, email);
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/webhooks/generic"))
                .header("Authorization", "Bearer " + SOURCE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(202);
    }

    static JsonNode booking(String bookingId) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/bookings/generic/" + bookingId))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? Json.MAPPER.readTree(answer.body()) : Json.MAPPER.createObjectNode();
    }

    static long mailsTo(String email) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(email);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    @Test
    void a_key_the_controller_refuses_is_never_sent_and_the_front_desk_is_flagged() throws Exception {
        meraki.failNext("POST", 400, null, "{\"errors\":[\"Group policy id is invalid\"]}", 0);
        confirm("ndk-1", "BK-REFUSED", "refused@example.org");
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(booking("BK-REFUSED").at("/delivery/state").asText()));
        JsonNode b = booking("BK-REFUSED");
        assertThat(b.at("/provisioning/state").asText()).isEqualTo("FAILED");
        assertThat(b.at("/provisioning/error").asText()).contains("Group policy id is invalid");
        assertThat(b.at("/delivery/frontDesk").asBoolean()).isTrue();
        assertThat(mailsTo("refused@example.org")).isZero();
        assertThat(meraki.keysByName()).doesNotContainKey(b.path("username").asText());
    }

    @Test
    void a_key_the_controller_makes_late_is_sent_once_it_exists() throws Exception {
        meraki.failNext("POST", 429, "2", "{\"errors\":[\"API rate limit exceeded for organization\"]}", 0);
        meraki.failNext("POST", 502, null, "<html>Bad Gateway</html>", 0);
        confirm("ndk-2", "BK-LATE", "late@example.org");
        await().atMost(Duration.ofSeconds(90)).until(() -> mailsTo("late@example.org") == 1);
        JsonNode b = booking("BK-LATE");
        assertThat(b.at("/provisioning/state").asText()).isEqualTo("OK");
        String username = b.path("username").asText();
        JsonNode key = meraki.keysByName().get(username);
        assertThat(key).as("the key exists on the controller").isNotNull();
        var timeline = b.path("timeline").findValuesAsText("entry");
        int usable = -1;
        int sent = -1;
        for (int i = 0; i < timeline.size(); i++) {
            usable = usable < 0 && timeline.get(i).startsWith("meraki: psk usable") ? i : usable;
            sent = sent < 0 && timeline.get(i).startsWith("credential sent by email") ? i : sent;
        }
        assertThat(usable).as("'usable' in %s", timeline).isNotNegative();
        assertThat(sent).as("'sent' in %s", timeline).isGreaterThan(usable);
    }

    @Test
    void each_target_missing_what_its_api_requires_stops_the_start_naming_every_key() throws Exception {
        Path dir = Files.createDirectories(work.resolve("misconfigured"));
        Process refused = start(dir, Map.ofEntries(Map.entry("HUB_HTTP_PORT", String.valueOf(RunningHub.freePort())),
                Map.entry("HUB_MANAGEMENT_PORT", String.valueOf(RunningHub.freePort())),
                Map.entry("HUB_VENUES_A_CREDENTIAL", "psk"), Map.entry("HUB_VENUES_A_TARGET", "mk"), Map.entry("HUB_TARGETS_MK_TYPE", "meraki"),
                Map.entry("HUB_TARGETS_MK_API_KEY", "k"), Map.entry("HUB_TARGETS_MK_NETWORK_ID", "N_1"),
                Map.entry("HUB_VENUES_B_CREDENTIAL", "psk"), Map.entry("HUB_VENUES_B_TARGET", "uf"), Map.entry("HUB_TARGETS_UF_TYPE", "unifi"),
                Map.entry("HUB_TARGETS_UF_CONTROLLER_URL", "https://unifi.example"), Map.entry("HUB_TARGETS_UF_USERNAME", "u"),
                Map.entry("HUB_TARGETS_UF_PASSWORD", "p"),
                Map.entry("HUB_VENUES_C_TARGET", "cp"), Map.entry("HUB_TARGETS_CP_TYPE", "clearpass"),
                Map.entry("HUB_TARGETS_CP_CLEARPASS_URL", "https://clearpass.example"),
                Map.entry("HUB_VENUES_D_CREDENTIAL", "psk"), Map.entry("HUB_VENUES_D_TARGET", "r1"), Map.entry("HUB_TARGETS_R1_TYPE", "ruckus-one"),
                Map.entry("HUB_TARGETS_R1_TENANT_ID", "t"), Map.entry("HUB_TARGETS_R1_RUCKUS_CLIENT_ID", "c"),
                Map.entry("HUB_TARGETS_R1_RUCKUS_CLIENT_SECRET", "s")));
        assertThat(refused.waitFor(90, TimeUnit.SECONDS)).as("the hub stopped by itself").isTrue();
        assertThat(refused.exitValue()).as("a refusal is a failed start to a supervisor").isEqualTo(1);
        assertThat(refused.exitValue()).isNotZero();
        String log = Files.readString(dir.resolve("hub.log"));
        assertThat(log).contains("hub.targets.mk.group-policy-id").contains("hub.targets.uf.wlan-id").contains("hub.targets.uf.networkconf-id")
                .contains("hub.targets.cp.client-id").contains("hub.targets.cp.client-secret").contains("hub.targets.r1.dpsk-pool-id");
    }
}
