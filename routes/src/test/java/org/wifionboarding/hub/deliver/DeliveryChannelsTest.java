package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.TwilioStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * SMS through a Twilio stub, email through a real SMTP server, push through a stub: the venue's channel
 * order, the guest's preference, fallback on a refused number and on an undelivered callback, signed
 * status callbacks (and a forged one), the front-desk flag, and re-sends on request.
 */
class DeliveryChannelsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path dataDir;
    static RunningHub hub;
    static TwilioStub twilio;
    static HttpStub app;
    static String callbackUrl;

    @BeforeAll
    static void start() throws Exception {
        twilio = new TwilioStub();
        app = new HttpStub();
        app.on("POST", "/push", (r, m) -> HttpStub.Reply.json(202, Map.of("id", "push-" + r.json().path("guestId").asText())));
        int port = RunningHub.freePort();
        callbackUrl = "http://127.0.0.1:" + port + "/webhooks/callbacks/twilio";
        hub = RunningHub.start(dataDir, Map.ofEntries(
                Map.entry("hub.http.port", String.valueOf(port)),
                Map.entry("hub.smtp.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("hub.smtp.host", "127.0.0.1"),
                Map.entry("hub.channels.twilio.api-url", twilio.url()),
                Map.entry("hub.channels.twilio.account-sid", TwilioStub.ACCOUNT_SID),
                Map.entry("hub.channels.twilio.auth-token", TwilioStub.AUTH_TOKEN),
                Map.entry("hub.channels.twilio.from", "+15017122661"),
                Map.entry("hub.channels.twilio.per-minute", "6000"),
                Map.entry("hub.channels.twilio.status-callback-url", callbackUrl),
                Map.entry("hub.channels.push.url", app.url() + "/push"),
                Map.entry("hub.channels.push.secret", "push-secret-push-secret-push-secret-01"),
                Map.entry("hub.venues.harbour.timezone", "Europe/London"),
                Map.entry("hub.venues.harbour.delivery-lead", "P30D"),
                Map.entry("hub.venues.harbour.channels", "sms,email"),
                Map.entry("hub.venues.app-venue.delivery-lead", "P30D"),
                Map.entry("hub.venues.app-venue.channels", "push,email"),
                Map.entry("hub.venues.email-only.delivery-lead", "P30D"),
                Map.entry("hub.venues.email-only.channels", "email")));
    }

    @AfterAll
    static void stop() {
        hub.close();
        twilio.close();
        app.close();
    }

    private static String event(String id, String venue, String bookingId, String email, String phone, String preferred) {
        String guest = "{\"id\": \"g-" + bookingId + "\", \"name\": \"Ada Lovelace\", \"language\": \"en\""
                + (email == null ? "" : ", \"email\": \"" + email + "\"") + (phone == null ? "" : ", \"phone\": \"" + phone + "\"")
                + (preferred == null ? "" : ", \"preferredChannel\": \"" + preferred + "\"") + "}";
        return """
                {"eventId": "%s", "type": "confirmed", "occurredAt": "%s", "venueId": "%s", "bookingId": "%s",
                 "arrival": "%s", "departure": "%s", "guest": %s}
                """.formatted(id, Instant.now(), venue, bookingId, LocalDate.now().plusDays(2), LocalDate.now().plusDays(4), guest);
    }

    private static JsonNode booking(String id) throws Exception {
        var response = hub.getAdmin("/api/bookings/generic/" + id);
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : Json.MAPPER.createObjectNode();
    }

    private static List<String> attemptStates(String id) throws Exception {
        List<String> states = new java.util.ArrayList<>();
        booking(id).at("/delivery/attempts").forEach(a -> states.add(a.path("channel").asText() + ":" + a.path("state").asText()));
        return states;
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String sidFor(String phone) {
        return twilio.messages().stream().filter(m -> phone.equals(m.get("To"))).map(m -> m.get("sid")).reduce((a, b) -> b).orElse(null);
    }

    @Test
    void sms_goes_first_with_a_status_callback_that_is_verified_and_recorded() throws Exception {
        assertThat(hub.postGeneric(event("dc-1", "harbour", "BK-SMS-1", "ada1@example.org", "+447700900101", null)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> attemptStates("BK-SMS-1").equals(List.of("sms:SENT")));
        String sid = sidFor("+447700900101");
        Map<String, String> sms = twilio.message(sid);
        assertThat(sms.get("StatusCallback")).isEqualTo(callbackUrl);
        assertThat(sms.get("Body")).contains("Guest").contains("(local time)");
        JsonNode attempt = booking("BK-SMS-1").at("/delivery/attempts/0");
        assertThat(attempt.path("providerId").asText()).isEqualTo(sid);

        assertThat(twilio.callback(sid, "delivered", null, true)).as("forged signature").isEqualTo(403);
        assertThat(attemptStates("BK-SMS-1")).containsExactly("sms:SENT");
        assertThat(twilio.callback(sid, "sent", null, false)).isEqualTo(204);
        // where Twilio accounts pointed before /webhooks/callbacks/{provider}: still taken
        assertThat(twilio.callback(sid, "sent", null, false, callbackUrl.replace("/webhooks/callbacks/twilio", "/webhooks/twilio-status")))
                .isEqualTo(204);
        assertThat(twilio.callback(sid, "sent", null, false, callbackUrl.replace("/twilio", "/nosuch"))).as("no such provider").isEqualTo(404);
        assertThat(twilio.callback(sid, "delivered", null, false)).isEqualTo(204);
        assertThat(attemptStates("BK-SMS-1")).containsExactly("sms:DELIVERED");
        assertThat(mailTo("ada1@example.org")).isEmpty();
        assertThat(booking("BK-SMS-1").path("timeline").findValuesAsText("entry")).contains("sms delivered");
    }

    @Test
    void a_number_twilio_refuses_falls_back_to_email() throws Exception {
        assertThat(hub.postGeneric(event("dc-2", "harbour", "BK-SMS-2", "ada2@example.org", TwilioStub.INVALID_NUMBER, null)).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("ada2@example.org").size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> attemptStates("BK-SMS-2").equals(List.of("sms:FAILED", "email:SENT")));
        JsonNode delivery = booking("BK-SMS-2").path("delivery");
        assertThat(delivery.at("/attempts/0/error").asText()).contains("21211");
        assertThat(delivery.path("state").asText()).isEqualTo("SENT");
        assertThat(delivery.path("channel").asText()).isEqualTo("email");
        assertThat(delivery.path("frontDesk").asBoolean()).isFalse();
    }

    @Test
    void an_sms_reported_undelivered_falls_back_to_email() throws Exception {
        assertThat(hub.postGeneric(event("dc-3", "harbour", "BK-SMS-3", "ada3@example.org", "+447700900103", null)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> sidFor("+447700900103") != null && attemptStates("BK-SMS-3").equals(List.of("sms:SENT")));
        assertThat(twilio.callback(sidFor("+447700900103"), "undelivered", "30003", false)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("ada3@example.org").size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> attemptStates("BK-SMS-3").equals(List.of("sms:UNDELIVERED", "email:SENT")));
        assertThat(booking("BK-SMS-3").at("/delivery/attempts/0/error").asText()).isEqualTo("Twilio error 30003");
    }

    @Test
    void the_guests_preference_comes_before_the_venues_order_and_push_reaches_the_app() throws Exception {
        assertThat(hub.postGeneric(event("dc-4", "harbour", "BK-PREF", "ada4@example.org", "+447700900104", "email")).statusCode()).isEqualTo(202);
        assertThat(hub.postGeneric(event("dc-5", "app-venue", "BK-PUSH", "ada5@example.org", null, null)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("ada4@example.org").size() == 1
                && attemptStates("BK-PUSH").equals(List.of("push:SENT")));
        assertThat(sidFor("+447700900104")).isNull();
        assertThat(booking("BK-PUSH").at("/delivery/attempts/0/providerId").asText()).isEqualTo("push-g-BK-PUSH");
        assertThat(mailTo("ada5@example.org")).isEmpty();
    }

    @Test
    void a_guest_no_configured_channel_can_reach_is_flagged_for_the_front_desk_and_counted() throws Exception {
        assertThat(hub.postGeneric(event("dc-6", "email-only", "BK-DESK", null, "+447700900106", null)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> booking("BK-DESK").at("/delivery/frontDesk").asBoolean());
        assertThat(booking("BK-DESK").at("/delivery/state").asText()).isEqualTo("FAILED");
        String metrics = hub.management("/observe/metrics").body();
        assertThat(metrics).containsPattern("hub_delivery_front_desk_total(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void an_operator_can_resend_on_another_channel_but_not_twice_in_a_row() throws Exception {
        assertThat(hub.postGeneric(event("dc-7", "harbour", "BK-RESEND", "ada7@example.org", "+447700900107", null)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> attemptStates("BK-RESEND").equals(List.of("sms:SENT")));

        HttpResponse<String> unauthorized = hub.post("/api/bookings/generic/BK-RESEND/resend", "application/json", "{}");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        HttpResponse<String> resent = resend("BK-RESEND", "{\"channel\": \"email\"}");
        assertThat(resent.statusCode()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(resent.body()).path("channel").asText()).isEqualTo("email");
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("ada7@example.org").size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> attemptStates("BK-RESEND").equals(List.of("sms:SENT", "email:SENT")));

        HttpResponse<String> again = resend("BK-RESEND", "");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(resend("BK-NOPE", "").statusCode()).isEqualTo(404);
        assertThat(resend("BK-RESEND-X", "{\"channel\": \"fax\"}").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> resend(String bookingId, String body) throws Exception {
        return hub.client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + URI.create(callbackUrl).getPort()
                        + "/api/bookings/generic/" + bookingId + "/resend")).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twilio_throttling_waits_its_retry_after_and_then_sends_once() throws Exception {
        twilio.failNext("POST", 429, "2", "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}", 0);
        assertThat(hub.postGeneric(event("dc-8", "harbour", "BK-429", "ada8@example.org", "+447700900108", null)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> attemptStates("BK-429").equals(List.of("sms:DEFERRED", "sms:SENT")));
        JsonNode attempts = booking("BK-429").at("/delivery/attempts");
        assertThat(Duration.between(Instant.parse(attempts.get(0).path("at").asText()), Instant.parse(attempts.get(1).path("at").asText())))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(attempts.get(0).path("error").asText()).contains("429");
        assertThat(twilio.messages().stream().filter(m -> "+447700900108".equals(m.get("To")))).hasSize(1);
    }
}
