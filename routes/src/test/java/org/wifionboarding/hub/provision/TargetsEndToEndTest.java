package org.wifionboarding.hub.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.ClearPassStub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.MerakiStub;
import org.wifionboarding.hub.connect.stub.RuckusOneStub;
import org.wifionboarding.hub.connect.stub.UnifiStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * The hub driving each kind of provisioning target through its whole lifecycle over HTTP: per-venue
 * credential kinds, targets and activation policies, against stubs of the vendors' APIs and a real
 * SMTP server.
 */
class TargetsEndToEndTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String MERAKI_KEYS = "/api/v1/networks/N_1/wireless/ssids/3/identityPsks";
    static final String WEBHOOK_SECRET = "venue-controller-secret-0123456789abcdef";

    @TempDir
    static Path dataDir;
    static RunningHub hub;
    static MerakiStub meraki;
    static UnifiStub unifi;
    static ClearPassStub clearpass;
    static HttpStub controller;
    static RuckusOneStub ruckus;

    @BeforeAll
    static void start() throws Exception {
        meraki = new MerakiStub("N_1", 3);
        unifi = new UnifiStub(true, "default", "wlan-1");
        clearpass = new ClearPassStub();
        ruckus = new RuckusOneStub(null);
        controller = new HttpStub();
        controller.on("POST", "/provision", (r, m) -> HttpStub.Reply.json(200, Map.of("reference", "ctl-" + r.json().path("username").asText())));
        hub = RunningHub.start(dataDir, Map.ofEntries(
                Map.entry("hub.smtp.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("hub.smtp.host", "127.0.0.1"),
                Map.entry("hub.venues.default.timezone", "Europe/Paris"),
                Map.entry("hub.venues.default.delivery-lead", "P30D"),
                Map.entry("hub.venues.psk-hotel.credential", "psk"),
                Map.entry("hub.venues.psk-hotel.target", "meraki"),
                Map.entry("hub.targets.meraki.api-url", meraki.apiUrl()),
                Map.entry("hub.targets.meraki.api-key", MerakiStub.API_KEY),
                Map.entry("hub.targets.meraki.network-id", "N_1"),
                Map.entry("hub.targets.meraki.ssid-number", "3"),
                Map.entry("hub.targets.meraki.group-policy-id", "101"),
                Map.entry("hub.venues.dpsk-resort.credential", "psk"),
                Map.entry("hub.venues.dpsk-resort.target", "r1"),
                Map.entry("hub.targets.r1.type", "ruckus-one"),
                Map.entry("hub.targets.r1.ruckus-url", ruckus.apiUrl()),
                Map.entry("hub.targets.r1.tenant-id", RuckusOneStub.TENANT),
                Map.entry("hub.targets.r1.ruckus-client-id", RuckusOneStub.CLIENT_ID),
                Map.entry("hub.targets.r1.ruckus-client-secret", RuckusOneStub.CLIENT_SECRET),
                Map.entry("hub.targets.r1.dpsk-pool-id", RuckusOneStub.POOL),
                Map.entry("hub.venues.expo.credential", "voucher"),
                Map.entry("hub.venues.expo.target", "expo-unifi"),
                Map.entry("hub.venues.expo.ssid", "Expo-WiFi"),
                Map.entry("hub.targets.expo-unifi.type", "unifi"),
                Map.entry("hub.targets.expo-unifi.controller-url", unifi.url()),
                Map.entry("hub.targets.expo-unifi.unifi-os", "true"),
                Map.entry("hub.targets.expo-unifi.username", UnifiStub.USER),
                Map.entry("hub.targets.expo-unifi.password", UnifiStub.PASSWORD),
                Map.entry("hub.venues.secure.activation", "on-check-in"),
                Map.entry("hub.venues.campus.target", "cppm"),
                Map.entry("hub.venues.mpsk-campus.credential", "psk"),
                Map.entry("hub.venues.mpsk-campus.target", "cppm"),
                Map.entry("hub.targets.cppm.type", "clearpass"),
                Map.entry("hub.targets.cppm.clearpass-url", clearpass.url()),
                Map.entry("hub.targets.cppm.client-id", ClearPassStub.CLIENT_ID),
                Map.entry("hub.targets.cppm.client-secret", ClearPassStub.CLIENT_SECRET),
                Map.entry("hub.venues.custom.credential", "psk"),
                Map.entry("hub.venues.custom.target", "custom-ctl"),
                Map.entry("hub.targets.custom-ctl.type", "http"),
                Map.entry("hub.targets.custom-ctl.url", controller.url() + "/provision"),
                Map.entry("hub.targets.custom-ctl.secret", WEBHOOK_SECRET)));
    }

    @AfterAll
    static void stop() {
        hub.close();
        meraki.close();
        unifi.close();
        clearpass.close();
        controller.close();
        ruckus.close();
    }

    private static JsonNode booking(String id) throws Exception {
        var response = hub.getAdmin("/api/bookings/generic/" + id);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : Json.MAPPER.createObjectNode();
    }

    /** A stay that began an hour ago (so on-confirm credentials work at once) and ends in {@code nights} days. */
    private static String[] begunStay(int nights) {
        return new String[] {ZonedDateTime.now(PARIS).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString(),
                LocalDate.now(PARIS).plusDays(nights).toString()};
    }

    private static void post(String eventId, String type, String venue, String bookingId, String[] stay) throws Exception {
        assertThat(hub.postGeneric(generic(eventId, type, Instant.now().toString(), venue, bookingId, stay[0], stay[1])).statusCode())
                .isEqualTo(202);
    }

    private static String decodedMailFor(String marker) {
        return Arrays.stream(smtp.getReceivedMessages()).map(TargetsEndToEndTest::decoded).filter(text -> text.contains(marker))
                .findFirst().orElse(null);
    }

    private static String decoded(MimeMessage mail) {
        try {
            return new String(jakarta.mail.internet.MimeUtility.decode(new ByteArrayInputStream(
                    GreenMailUtil.getBody(mail).getBytes(StandardCharsets.US_ASCII)), "quoted-printable").readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void meraki_identity_psk_follows_the_stay_through_a_throttled_create_an_extension_and_a_checkout() throws Exception {
        meraki.failNext("POST", 429, "2", "{\"errors\":[\"API rate limit exceeded for organization\"]}", 0);
        String[] stay = begunStay(2);
        post("mk-1", "confirmed", "psk-hotel", "BK-MK", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> meraki.size() == 1);
        String username = booking("BK-MK").path("username").asText();
        List<HttpStub.Request> posts = meraki.requests("POST", MERAKI_KEYS);
        assertThat(posts).hasSize(2);
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).as("waited for Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        JsonNode key = meraki.keysByName().get(username);
        assertThat(Instant.parse(key.path("expiresAt").asText())).isEqualTo(ZonedDateTime.of(LocalDate.parse(stay[1]),
                java.time.LocalTime.of(11, 0), PARIS).toInstant());
        await().atMost(Duration.ofSeconds(20)).until(() -> decodedMailFor(key.path("passphrase").asText()) != null);
        assertThat(decodedMailFor(key.path("passphrase").asText())).doesNotContain(username);   // a PSK needs no user name
        assertThat(booking("BK-MK").at("/credential/reference").asText()).isEqualTo(key.path("id").asText());

        String[] longer = {stay[0], LocalDate.parse(stay[1]).plusDays(3).toString()};
        post("mk-2", "modified", "psk-hotel", "BK-MK", longer);
        await().atMost(Duration.ofSeconds(20)).until(() -> !meraki.requests("PUT", MERAKI_KEYS).isEmpty());
        assertThat(meraki.keysByName().get(username).path("expiresAt").asText())
                .isEqualTo(ZonedDateTime.of(LocalDate.parse(longer[1]), java.time.LocalTime.of(11, 0), PARIS).toInstant().toString());

        post("mk-3", "checked_out", "psk-hotel", "BK-MK", longer);
        await().atMost(Duration.ofSeconds(20)).until(() -> meraki.size() == 0);
        assertThat(meraki.requests("DELETE", MERAKI_KEYS)).extracting(HttpStub.Request::path).containsExactly(MERAKI_KEYS + "/" + key.path("id").asText());
    }

    @Test
    void ruckus_one_dpsk_passphrase_is_applied_before_it_is_sent_then_extended_and_deleted_with_the_booking() throws Exception {
        String[] stay = begunStay(2);
        post("r1-1", "confirmed", "dpsk-resort", "BK-R1", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> ruckus.size() == 1);
        String username = booking("BK-R1").path("username").asText();
        JsonNode passphrase = ruckus.byUsername().get(username);
        assertThat(Instant.parse(passphrase.path("expirationDate").asText())).isEqualTo(ZonedDateTime.of(LocalDate.parse(stay[1]),
                java.time.LocalTime.of(11, 0), PARIS).toInstant());
        await().atMost(Duration.ofSeconds(20)).until(() -> decodedMailFor(passphrase.path("passphrase").asText()) != null);
        assertThat(booking("BK-R1").at("/credential/reference").asText()).isEqualTo(passphrase.path("id").asText());
        assertThat(booking("BK-R1").at("/provisioning/state").asText()).isEqualTo("OK");

        String[] longer = {stay[0], LocalDate.parse(stay[1]).plusDays(3).toString()};
        post("r1-2", "modified", "dpsk-resort", "BK-R1", longer);
        String extended = ZonedDateTime.of(LocalDate.parse(longer[1]), java.time.LocalTime.of(11, 0), PARIS).toInstant().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> extended.equals(ruckus.byUsername().get(username).path("expirationDate").asText()));

        post("r1-3", "checked_out", "dpsk-resort", "BK-R1", longer);
        await().atMost(Duration.ofSeconds(20)).until(() -> ruckus.size() == 0);
        assertThat(ruckus.contractViolations()).isEmpty();
    }

    @Test
    void a_conference_voucher_is_made_on_the_controller_and_its_code_is_what_the_guest_receives() throws Exception {
        String[] event = {LocalDate.now(PARIS).plusDays(5).toString(), LocalDate.now(PARIS).plusDays(7).toString()};
        post("vo-1", "confirmed", "expo", "BK-VO", event);
        await().atMost(Duration.ofSeconds(20)).until(() -> !unifi.vouchersByNote().isEmpty()
                && booking("BK-VO").at("/provisioning/state").asText().equals("OK"));
        String username = booking("BK-VO").path("username").asText();
        JsonNode voucher = unifi.vouchersByNote().get(username);
        String code = voucher.path("code").asText().substring(0, 5) + "-" + voucher.path("code").asText().substring(5);
        assertThat(booking("BK-VO").at("/credential/kind").asText()).isEqualTo("voucher");
        assertThat(booking("BK-VO").at("/credential/activation").asText()).isEqualTo("on-first-use");

        await().atMost(Duration.ofSeconds(30)).until(() -> decodedMailFor(code) != null);
        assertThat(decodedMailFor(code)).contains("Expo-WiFi").doesNotContain(username);

        // the front desk registered the guest's laptop, which is on the network: cancelling ends its session too
        unifi.connect("a4:83:e7:12:34:56");
        assertThat(hub.admin("PUT", "/api/bookings/generic/BK-VO/devices/A4-83-E7-12-34-56", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(201);
        post("vo-2", "cancelled", "expo", "BK-VO", event);
        await().atMost(Duration.ofSeconds(20)).until(() -> unifi.vouchersByNote().isEmpty()
                && unifi.stationCommands().contains("unauthorize-guest a4:83:e7:12:34:56"));
    }

    @Test
    void an_on_check_in_radius_account_refuses_the_guest_until_the_check_in_arrives() throws Exception {
        String[] stay = begunStay(2);
        post("ci-1", "confirmed", "secure", "BK-CI", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> booking("BK-CI").at("/provisioning/state").asText().equals("OK"));
        String username = booking("BK-CI").path("username").asText();
        assertThat(attributes(username)).containsExactly("Auth-Type", "Cleartext-Password", "Expiration");

        post("ci-2", "checked_in", "secure", "BK-CI", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> attributes(username).equals(List.of("Cleartext-Password", "Expiration")));
        assertThat(booking("BK-CI").path("timeline").findValuesAsText("entry"))
                .anyMatch(e -> e.equals("radius-sql: radius-account made, usable from check-in"))
                .anyMatch(e -> e.startsWith("radius-sql: radius-account usable until"));
    }

    @Test
    void an_on_confirm_account_starts_to_work_when_its_window_opens_without_another_event() throws Exception {
        // check-in time is 15:00 for dates only, so give the arrival as a local time: five seconds from now
        String[] stay = {ZonedDateTime.now(PARIS).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString(),
                LocalDate.now(PARIS).plusDays(2).toString()};
        post("oc-1", "confirmed", "default", "BK-OC", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> booking("BK-OC").at("/provisioning/state").asText().equals("OK"));
        String username = booking("BK-OC").path("username").asText();
        Instant validFrom = Instant.parse(booking("BK-OC").path("validFrom").asText());
        if (Instant.now().isBefore(validFrom.minusMillis(500))) {
            assertThat(attributes(username)).contains("Auth-Type");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> attributes(username).equals(List.of("Cleartext-Password", "Expiration")));
        assertThat(Instant.now()).isAfterOrEqualTo(validFrom.minusMillis(50));
    }

    @Test
    void clearpass_guest_account_and_the_signed_webhook_follow_confirm_and_cancel() throws Exception {
        String[] stay = begunStay(1);
        post("cp-1", "confirmed", "campus", "BK-CP", stay);
        post("wh-1", "confirmed", "custom", "BK-WH", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> !clearpass.guests().isEmpty() && !controller.requests().isEmpty());
        String cpUser = booking("BK-CP").path("username").asText();
        assertThat(clearpass.guests().get(cpUser).path("enabled").asBoolean()).isTrue();
        HttpStub.Request signed = controller.requests().get(0);
        assertThat(signed.header("X-Hub-Signature-256")).isEqualTo("sha256=" + org.wifionboarding.hub.connect.webhook.SignedWebhookTarget.sign(
                WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), signed.header("X-Hub-Timestamp"), signed.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(signed.json().path("type").asText()).isEqualTo("credential.present");
        await().atMost(Duration.ofSeconds(20)).until(() -> booking("BK-WH").at("/credential/reference").asText()
                .equals("ctl-" + booking("BK-WH").path("username").asText()));

        post("cp-2", "cancelled", "campus", "BK-CP", stay);
        post("wh-2", "cancelled", "custom", "BK-WH", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> clearpass.guests().isEmpty()
                && controller.requests().stream().anyMatch(r -> r.body().contains("credential.absent")));
    }

    @Test
    void the_front_desk_registers_devices_and_each_becomes_a_clearpass_mpsk_account_until_the_checkout() throws Exception {
        String[] stay = begunStay(2);
        post("mpsk-1", "confirmed", "mpsk-campus", "BK-MPSK", stay);
        post("mpsk-r1", "confirmed", "campus", "BK-CP-RADIUS", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(booking("BK-MPSK").at("/provisioning/state").asText())
                && "OK".equals(booking("BK-CP-RADIUS").at("/provisioning/state").asText()));
        String username = booking("BK-MPSK").path("username").asText();
        String path = "/api/bookings/generic/BK-MPSK/devices/";
        assertThat(clearpass.devices().values()).noneMatch(d -> d.path("visitor_name").asText().equals(username));

        assertThat(hub.admin("PUT", path + "A4-83-E7-12-34-56", null).statusCode()).isEqualTo(401);
        assertThat(hub.admin("PUT", path + "A4-83-E7-12-34-56", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(201);
        assertThat(hub.admin("PUT", path + "a4:83:e7:12:34:56", RunningHub.ADMIN_TOKEN).statusCode()).as("the same device again").isEqualTo(200);
        var invalid = hub.admin("PUT", path + "not-a-mac", RunningHub.ADMIN_TOKEN);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.MAPPER.readTree(invalid.body()).at("/errors/0/field").asText()).isEqualTo("mac");
        var second = hub.admin("PUT", path + "3c22fbaabbcc", RunningHub.ADMIN_TOKEN);
        assertThat(Json.MAPPER.readTree(second.body()).path("devices").asInt()).isEqualTo(2);
        assertThat(hub.admin("PUT", "/api/bookings/generic/BK-CP-RADIUS/devices/3c22fbaabbcc", RunningHub.ADMIN_TOKEN).statusCode())
                .as("a RADIUS account needs no device").isEqualTo(409);
        assertThat(hub.admin("PUT", "/api/bookings/generic/BK-NONE/devices/3c22fbaabbcc", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(20)).until(() -> clearpass.devices().keySet().containsAll(List.of("A4-83-E7-12-34-56", "3C-22-FB-AA-BB-CC")));
        String mpsk = clearpass.devices().get("A4-83-E7-12-34-56").path("mpsk").asText();
        assertThat(mpsk).isNotBlank().isEqualTo(clearpass.devices().get("3C-22-FB-AA-BB-CC").path("mpsk").asText());
        await("the passphrase the guest received is the devices' MPSK").atMost(Duration.ofSeconds(20)).until(() -> decodedMailFor(mpsk) != null);
        assertThat(clearpass.devices().get("A4-83-E7-12-34-56").path("visitor_name").asText()).isEqualTo(username);
        JsonNode view = booking("BK-MPSK");
        assertThat(view.at("/credential/devices").asInt()).isEqualTo(2);
        assertThat(view.toString()).doesNotContainIgnoringCase("a4:83").doesNotContainIgnoringCase("A4-83");

        assertThat(hub.admin("DELETE", path + "a4-83-e7-12-34-56", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(hub.admin("DELETE", path + "a4-83-e7-12-34-56", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(20)).until(() -> !clearpass.devices().containsKey("A4-83-E7-12-34-56"));
        assertThat(clearpass.devices()).containsKey("3C-22-FB-AA-BB-CC");

        post("mpsk-2", "checked_out", "mpsk-campus", "BK-MPSK", stay);
        await().atMost(Duration.ofSeconds(20)).until(() -> !clearpass.devices().containsKey("3C-22-FB-AA-BB-CC"));
        assertThat(hub.admin("PUT", path + "A4-83-E7-12-34-56", RunningHub.ADMIN_TOKEN).statusCode()).as("checked out: nothing to register for")
                .isEqualTo(409);
    }

    private static List<String> attributes(String username) {
        return hub.jdbc().queryForList("SELECT attribute FROM radcheck WHERE username = ? ORDER BY attribute", String.class, username);
    }
}
