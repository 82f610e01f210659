package org.wifionboarding.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
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
import org.wifionboarding.hub.connect.mews.MewsStub;
import org.wifionboarding.hub.mapping.Json;

/** The whole hub over HTTP: webhook → booking → RADIUS rows → email on a real SMTP server; Mews through its HTTP stub. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path dataDir;
    static MewsStub mews;
    static RunningHub hub;

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @BeforeAll
    static void start() throws Exception {
        mews = new MewsStub();
        hub = RunningHub.start(dataDir, Map.ofEntries(
                Map.entry("hub.smtp.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("hub.smtp.host", "127.0.0.1"),
                Map.entry("hub.smtp.from", "wifi@hotel-paris.example"),
                Map.entry("hub.venues.hotel-paris.timezone", "Europe/Paris"),
                Map.entry("hub.venues.hotel-paris.name", "Hôtel du Parc"),
                Map.entry("hub.venues.hotel-paris.ssid", "Parc-Guest"),
                Map.entry("hub.venues.hotel-paris.delivery-lead", "P7D"),
                Map.entry("hub.venues.later.timezone", "Europe/Paris"),
                Map.entry("hub.venues.later.delivery-lead", "PT1H"),
                Map.entry("hub.sources.mews.token", RunningHub.MEWS_TOKEN),
                Map.entry("hub.sources.mews.api-url", mews.url()),
                Map.entry("hub.sources.mews.client-token", "mews-client-token"),
                Map.entry("hub.sources.mews.access-token", "mews-access-token"),
                Map.entry("hub.sources.mews.venue", "hotel-paris"),
                Map.entry("hub.radius.timezone", "America/New_York"),
                Map.entry("hub.credentials.expiry-sweep-ms", "1000")));
    }

    @AfterAll
    static void stop() {
        hub.close();
        mews.close();
    }

    private static JsonNode booking(String source, String id) throws Exception {
        return Json.MAPPER.readTree(hub.getAdmin("/api/bookings/" + source + "/" + id).body());
    }

    private static String bookingState(String source, String id) throws Exception {
        var response = hub.getAdmin("/api/bookings/" + source + "/" + id);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("state").asText() : "absent";
    }

    private static List<Map<String, Object>> radcheck(String username) {
        return hub.jdbc().queryForList("SELECT attribute, value FROM radcheck WHERE username = ? ORDER BY attribute", username);
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    @Order(1)
    void a_confirmed_booking_gets_a_radius_account_and_a_french_email_with_the_same_passphrase() throws Exception {
        LocalDate arrival = LocalDate.now(PARIS).plusDays(2);
        var accepted = hub.postGeneric(generic("e2e-1", "confirmed", Instant.now().toString(), "hotel-paris", "BK-E2E-1",
                arrival.toString(), arrival.plusDays(2).toString()));
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(GuestEvents.EMAIL).size() == 1);
        // the SMTP server has the mail before the hub records the send: wait for the record, not for the mail
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(booking("generic", "BK-E2E-1").at("/delivery/state").asText()));
        JsonNode booking = booking("generic", "BK-E2E-1");
        assertThat(booking.path("state").asText()).isEqualTo("PENDING");
        assertThat(booking.at("/delivery/state").asText()).isEqualTo("SENT");
        String username = booking.path("username").asText();
        Instant validUntil = ZonedDateTime.of(arrival.plusDays(2), java.time.LocalTime.of(11, 0), PARIS).toInstant();
        assertThat(booking.path("validUntil").asText()).isEqualTo(validUntil.toString());

        // the stay starts in two days: the account exists, but refuses the guest until then (on-confirm)
        await().atMost(Duration.ofSeconds(10)).until(() -> radcheck(username).size() == 3);
        List<Map<String, Object>> rows = radcheck(username);
        assertThat(rows.get(0)).containsEntry("attribute", "Auth-Type").containsEntry("value", "Reject");
        String passphrase = (String) rows.get(1).get("value");
        assertThat(rows.get(1).get("attribute")).isEqualTo("Cleartext-Password");
        assertThat(passphrase).hasSize(12).doesNotContainAnyWhitespaces().matches("[A-HJ-NP-Za-km-z2-9]+");
        assertThat(rows.get(2).get("attribute")).isEqualTo("Expiration");
        assertThat(rows.get(2).get("value")).isEqualTo(DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", java.util.Locale.ENGLISH)
                .format(validUntil.atZone(ZoneId.of("America/New_York"))));
        assertThat(hub.context().getCamelContextExtension().getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute("provision").getExchangesTotal())
                .as("the account was made in the lifecycle's transaction, not by the provisioning stage").isZero();

        MimeMessage mail = mailTo(GuestEvents.EMAIL).get(0);
        assertThat(mail.getSubject()).isEqualTo("Votre WiFi à Hôtel du Parc");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("wifi@hotel-paris.example");
        String content = GreenMailUtil.getBody(mail);
        String decoded = new String(jakarta.mail.internet.MimeUtility.decode(new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII)),
                "quoted-printable").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(decoded).contains(passphrase).contains("Parc-Guest").contains(username).contains("Europe/Paris").contains("11:00");
        assertThat(booking.toString()).doesNotContain(passphrase);
    }

    @Test
    @Order(2)
    void a_checkout_revokes_the_credential_and_removes_the_radius_account() throws Exception {
        String username = booking("generic", "BK-E2E-1").path("username").asText();
        LocalDate arrival = LocalDate.now(PARIS).plusDays(2);
        assertThat(hub.postGeneric(generic("e2e-1-out", "checked_out", Instant.now().plusSeconds(1).toString(), "hotel-paris", "BK-E2E-1",
                arrival.toString(), arrival.plusDays(2).toString())).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> bookingState("generic", "BK-E2E-1").equals("REVOKED") && radcheck(username).isEmpty());
        assertThat(booking("generic", "BK-E2E-1").path("timeline").findValuesAsText("entry"))
                .anyMatch(e -> e.startsWith("CHECKED_OUT: credential revoked")).anyMatch(e -> e.equals("radius-sql: radius-account removed"));
    }

    @Test
    @Order(3)
    void a_cancellation_before_the_scheduled_time_sends_nothing_when_that_time_comes() throws Exception {
        String address = "cancelled.guest@example.org";
        // venue "later" sends an hour before arrival: arrive in 1 h 4 s, so the delivery falls due in 4 s
        String arrival = ZonedDateTime.now(PARIS).plusHours(1).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString();
        String departure = LocalDate.now(PARIS).plusDays(3).toString();
        String confirmed = generic("e2e-c", "confirmed", Instant.now().toString(), "later", "BK-CANCEL", arrival, departure)
                .replace(GuestEvents.EMAIL, address);
        NotifyBuilder deliveryFired = new NotifyBuilder(hub.context()).fromRoute("deliver")
                .filter(e -> e.getProperty("hubDelivery") != null && e.getProperty("hubDelivery").toString().contains("BK-CANCEL"))
                .whenDone(1).create();

        assertThat(hub.postGeneric(confirmed).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SCHEDULED".equals(booking("generic", "BK-CANCEL").at("/delivery/state").asText()));
        assertThat(hub.postGeneric(generic("e2e-c-x", "cancelled", Instant.now().plusSeconds(1).toString(), "later", "BK-CANCEL", arrival, departure)
                .replace(GuestEvents.EMAIL, address)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELLED".equals(booking("generic", "BK-CANCEL").at("/delivery/state").asText()));

        assertThat(deliveryFired.matches(30, TimeUnit.SECONDS)).as("the scheduled delivery fired").isTrue();
        assertThat(mailTo(address)).isEmpty();
        assertThat(booking("generic", "BK-CANCEL").path("state").asText()).isEqualTo("REVOKED");
    }

    @Test
    @Order(4)
    void a_thin_mews_webhook_is_enriched_once_per_reservation_and_becomes_a_booking() throws Exception {
        mews.reservation("r-mews-1", "Confirmed", "c-mews-1", "2026-11-02T08:00:00Z",
                        Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString(),
                        Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS).toString())
                .customer("c-mews-1", "Élise", "Moreau", "elise.moreau@example.fr", "+33 6 12 34 56 78", "fr-FR");
        String webhook = """
                {"EnterpriseId": "ent-1", "IntegrationId": "int-1", "Events": [
                  {"Discriminator": "ServiceOrderUpdated", "Value": {"Id": "r-mews-1"}},
                  {"Discriminator": "CustomerUpdated", "Value": {"Id": "c-mews-1"}},
                  {"Discriminator": "ServiceOrderUpdated", "Value": {"Id": "r-mews-1"}}]}""";
        int before = mews.requests().size();

        var response = hub.post("/webhooks/mews?token=" + RunningHub.MEWS_TOKEN, "application/json", webhook);
        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PENDING".equals(bookingState("mews", "r-mews-1")));

        List<MewsStub.Request> calls = mews.requests().subList(before, mews.requests().size());
        assertThat(calls).extracting(MewsStub.Request::path).containsExactly(
                "/api/connector/v1/reservations/getAll/2023-06-06", "/api/connector/v1/customers/getAll");
        assertThat(calls.get(0).body().path("ReservationIds").toString()).isEqualTo("[\"r-mews-1\"]");
        assertThat(booking("mews", "r-mews-1").path("venueId").asText()).isEqualTo("hotel-paris");
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("elise.moreau@example.fr").size() == 1);
        // Mews sends the same bytes for every change to a reservation: each webhook is fetched, and the change (the reservation
        // and its UpdatedUtc) is what is applied once
        assertThat(hub.post("/webhooks/mews?token=" + RunningHub.MEWS_TOKEN, "application/json", webhook).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> mews.requests().size() >= before + 4);
        assertThat(booking("mews", "r-mews-1").path("timeline").findValuesAsText("entry")).filteredOn(e -> e.startsWith("CONFIRMED")).hasSize(1);
        assertThat(mailTo("elise.moreau@example.fr")).hasSize(1);
        assertThat(hub.post("/webhooks/mews?token=wrong", "application/json", webhook).statusCode()).isEqualTo(401);
        String metrics = hub.management("/observe/metrics").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("hub_webhook_entries_ignored_total") && l.contains("source=\"mews\""))
                .findFirst()).hasValueSatisfying(line -> assertThat(line).endsWith(" 2.0"));   // CustomerUpdated, in each of the two webhooks
    }

    @Test
    @Order(6)
    void health_metrics_and_jolokia_answer_on_the_management_port_and_jolokia_refuses_jvm_diagnostics() throws Exception {
        var health = hub.management("/observe/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(hub.management("/observe/metrics").body()).contains("camel_exchanges_total");
        assertThat(hub.management("/observe/jolokia/read/org.apache.camel:context=wifi-onboarding-hub,type=routes,name=%22ingest-webhook%22/ExchangesTotal")
                .body()).contains("\"status\":200");
        assertThat(hub.management("/observe/jolokia/read/java.lang:type=Runtime/SystemProperties").body()).doesNotContain("\"status\":200");

        // read-only: no operation (stop a route, purge or send to a queue, dump routes with their settings), no write
        String route = "org.apache.camel:context=wifi-onboarding-hub,type=routes,name=%22ingest-webhook%22";
        assertThat(hub.management("/observe/jolokia/exec/" + route + "/stop()").body()).doesNotContain("\"status\":200");
        assertThat(hub.management("/observe/jolokia/exec/org.apache.camel:context=wifi-onboarding-hub,type=context,name=%22wifi-onboarding-hub%22"
                + "/dumpRoutesAsXml()").body()).doesNotContain("\"status\":200");
        assertThat(hub.management("/observe/jolokia/exec/org.apache.activemq.artemis:broker=%22wifi-onboarding-hub%22,component=addresses,"
                + "address=%22hub.inbound%22,subcomponent=queues,routing-type=%22anycast%22,queue=%22hub.inbound%22/removeAllMessages()").body())
                .doesNotContain("\"status\":200");
        assertThat(hub.management("/observe/jolokia/write/" + route + "/TracingPattern/x").body()).doesNotContain("\"status\":200");
        assertThat(hub.context().getRouteController().getRouteStatus("ingest-webhook").isStarted()).isTrue();
        // a web page on another origin gets no CORS permission, so its browser lets it read nothing (and there is nothing to run)
        var crossOrigin = hub.management("/observe/jolokia/read/" + route + "/ExchangesTotal", "Origin", "http://evil.example");
        assertThat(crossOrigin.headers().allValues("Access-Control-Allow-Origin")).noneMatch(v -> v.equals("*") || v.contains("evil.example"));
    }

    @Test
    @Order(5)
    void a_mews_429_waits_at_least_its_retry_after_and_5xx_are_retried_until_the_booking_is_made() throws Exception {
        mews.reservation("r-mews-2", "Started", "c-mews-1", "2026-11-03T08:00:00Z",
                Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(),
                Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        mews.failNext(new MewsStub.Failure(429, "2", 0)).failNext(new MewsStub.Failure(503, null, 0))
                .failNext(new MewsStub.Failure(502, null, 0));
        int before = mews.requests().size();

        assertThat(hub.post("/webhooks/mews?token=" + RunningHub.MEWS_TOKEN, "application/json",
                "{\"EnterpriseId\": \"ent-1\", \"IntegrationId\": \"int-1\", \"Events\": [{\"Discriminator\": \"ServiceOrderUpdated\", \"Value\": {\"Id\": \"r-mews-2\"}}]}")
                .statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(bookingState("mews", "r-mews-2")));

        List<MewsStub.Request> calls = mews.requests().subList(before, mews.requests().size());
        assertThat(calls.size()).isGreaterThanOrEqualTo(5);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    @Order(7)
    void a_stay_that_ends_without_a_checkout_event_is_expired_by_the_hub_and_leaves_the_network() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(PARIS).truncatedTo(ChronoUnit.SECONDS);
        String departure = now.plusSeconds(3).toLocalDateTime().toString();
        assertThat(hub.postGeneric(generic("e2e-exp", "checked_in", Instant.now().toString(), "hotel-paris", "BK-EXPIRE",
                now.minusHours(2).toLocalDateTime().toString(), departure).replace(GuestEvents.EMAIL, "expiring.guest@example.org"))
                .statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(bookingState("generic", "BK-EXPIRE")));
        String username = booking("generic", "BK-EXPIRE").path("username").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> radcheck(username).size() == 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> "REVOKED".equals(bookingState("generic", "BK-EXPIRE")) && radcheck(username).isEmpty());
        assertThat(booking("generic", "BK-EXPIRE").path("timeline").findValuesAsText("entry"))
                .anyMatch(e -> e.startsWith("credential expired at validUntil")).anyMatch(e -> e.equals("radius-sql: radius-account removed"));
    }

    @Test
    @Order(100)
    void the_logs_hold_no_guest_name_email_phone_or_passphrase() throws Exception {
        String log = Files.readString(Path.of("target/hub-test.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("normalised into");   // the log is the one these tests wrote
        List<String> passphrases = hub.jdbc().queryForList("SELECT value FROM radcheck WHERE attribute = 'Cleartext-Password'", String.class);
        assertThat(passphrases).isNotEmpty();
        for (String secret : passphrases) {
            assertThat(log).doesNotContain(secret);
        }
        assertThat(log).doesNotContain(GuestEvents.NAME).doesNotContain("Quillard").doesNotContain(GuestEvents.EMAIL)
                .doesNotContain(GuestEvents.PHONE).doesNotContain("Moreau").doesNotContain("elise.moreau@example.fr")
                .doesNotContain("12 34 56 78").doesNotContain("cancelled.guest@example.org").doesNotContain("expiring.guest@example.org");
    }
}
