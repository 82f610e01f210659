package org.wifionboarding.hub.connect.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.channel.DeliveryChannel.Recipient;
import org.wifionboarding.hub.connect.email.CredentialNotice;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.TwilioStub;
import org.wifionboarding.hub.connect.webhook.SignedWebhookTarget;

/** Twilio, a generic SMS gateway and a push backend, each against a stub of its HTTP API. */
class ChannelsTest {

    private static final CredentialNotice NOTICE = new CredentialNotice("en", "Ada", "Harbour Hotel", "Harbour-Guest", CredentialKind.PSK,
            "guest-k3x9", "Kp7wQ9rTz4mA", Instant.parse("2026-12-20T14:00:00Z"), Instant.parse("2026-12-23T10:00:00Z"), ZoneId.of("Europe/London"), false);
    private static final Recipient GUEST = new Recipient("g-77", "ada@example.org", "+447700900123");

    private static Function<Option, String> config(Map<String, String> values) {
        return option -> values.getOrDefault(option.key(), option.defaultValue());
    }

    @Test
    void twilio_gets_a_form_with_basic_auth_and_gives_a_sid_bad_numbers_are_undeliverable_and_429_waits() throws Exception {
        try (TwilioStub twilio = new TwilioStub()) {
            DeliveryChannel sms = new TwilioChannelFactory().create(config(Map.of("hub.channels.twilio.api-url", twilio.url(),
                    "hub.channels.twilio.account-sid", TwilioStub.ACCOUNT_SID, "hub.channels.twilio.auth-token", TwilioStub.AUTH_TOKEN,
                    "hub.channels.twilio.from", "+15017122661", "hub.channels.timeout", "PT2S")), Clock.systemUTC());
            DeliveryChannel.Sent sent = sms.send(GUEST, NOTICE, "https://hub.example/webhooks/twilio-status");

            assertThat(sent.providerId()).startsWith("SM").hasSize(34);
            assertThat(sent.state()).isEqualTo("queued");
            Map<String, String> form = twilio.messages().get(0);
            assertThat(form).containsEntry("To", "+447700900123").containsEntry("From", "+15017122661")
                    .containsEntry("StatusCallback", "https://hub.example/webhooks/twilio-status").containsEntry("ValidityPeriod", "14400");
            assertThat(form.get("Body")).contains("Harbour-Guest").contains("Kp7wQ9rTz4mA").contains("20 Dec 14:00");
            assertThat(SmsText.measure(form.get("Body")).segments()).isLessThanOrEqualTo(2);
            assertThat(twilio.requests().get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");

            assertThatThrownBy(() -> sms.send(new Recipient(null, null, TwilioStub.INVALID_NUMBER), NOTICE, null))
                    .isInstanceOf(UndeliverableException.class).hasMessageContaining("21211");
            twilio.failNext("POST", 429, "3", "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}", 0);
            assertThatThrownBy(() -> sms.send(GUEST, NOTICE, null))
                    .isInstanceOfSatisfying(ChannelUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
            assertThat(sms.canReach(new Recipient(null, "a@b.c", null))).isFalse();
            assertThat(sms.canReach(new Recipient(null, null, "07700 900123"))).as("not E.164").isFalse();

            DeliveryChannel wrongToken = new TwilioChannelFactory().create(config(Map.of("hub.channels.twilio.api-url", twilio.url(),
                    "hub.channels.twilio.account-sid", TwilioStub.ACCOUNT_SID, "hub.channels.twilio.auth-token", "wrong",
                    "hub.channels.twilio.messaging-service-sid", "MG9752274e9e519418a7406176694466fa")), Clock.systemUTC());
            assertThatThrownBy(() -> wrongToken.send(GUEST, NOTICE, null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("20003");
            assertThat(twilio.contractViolations()).as("requests Twilio's OpenAPI document refuses").isEmpty();
        }
    }

    @Test
    void twilio_signatures_match_twilios_documented_example_and_refuse_a_forgery() {
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234",
                "From", "+12349013030", "To", "+18005551212");
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(TwilioSignature.signSingle("12345", url, params)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(TwilioSignature.validSingle("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
        assertThat(TwilioSignature.validSingle("12345", url, Map.of("Digits", "9999"), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
        assertThat(TwilioSignature.validSingle("12345", url, params, null)).isFalse();
        // Twilio signs the URL with or without its default port; both are accepted
        String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        assertThat(TwilioSignature.validSingle("12345", withPort, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    }

    @Test
    void a_parameter_sent_twice_is_signed_with_every_value_sorted_as_twilios_validators_do() {
        String url = "https://hub.example/webhooks/twilio-status";
        // computed independently: url + "A" + "x" + "To" + "+1..." + "To" + "+2..." (names sorted, each name's values sorted)
        String data = url + "Ax" + "To+15550000001" + "To+15550000002";
        String expected = hmacSha1Base64("token", data);
        assertThat(TwilioSignature.sign("token", url, Map.of("To", List.of("+15550000002", "+15550000001"), "A", List.of("x"))))
                .isEqualTo(expected);
        assertThat(TwilioSignature.valid("token", url, Map.of("To", List.of("+15550000001"), "A", List.of("x")), expected))
                .as("only the first value").isFalse();
    }

    private static String hmacSha1Base64(String key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_generic_gateway_gets_the_body_template_with_escaped_values_and_its_id_is_read_back() throws Exception {
        try (HttpStub gateway = new HttpStub()) {
            gateway.on("POST", "/send", (r, m) -> r.json().path("to").asText().equals("+447700900123")
                    ? HttpStub.Reply.json(200, Map.of("result", Map.of("messageId", "gw-981")))
                    : HttpStub.Reply.json(400, Map.of("error", "invalid destination")));
            DeliveryChannel sms = new HttpSmsChannelFactory().create(config(Map.of("hub.channels.sms-http.url", gateway.url() + "/send",
                    "hub.channels.sms-http.authorization", "Bearer gw-key", "hub.channels.sms-http.from", "HOTEL",
                    "hub.channels.sms-http.id-pointer", "/result/messageId")), Clock.systemUTC());
            CredentialNotice quoted = new CredentialNotice("en", "Ada", "The \"Quay\" Inn", "Quay \"Guest\"", CredentialKind.PSK, "u",
                    "Kp7wQ9rTz4mA", NOTICE.validFrom(), NOTICE.validUntil(), NOTICE.zone(), false);
            assertThat(sms.send(GUEST, quoted, null).providerId()).isEqualTo("gw-981");
            HttpStub.Request sent = gateway.requests().get(0);
            assertThat(sent.header("Authorization")).isEqualTo("Bearer gw-key");
            assertThat(sent.json().path("from").asText()).isEqualTo("HOTEL");
            assertThat(sent.json().path("text").asText()).contains("Quay \"Guest\"").contains("Kp7wQ9rTz4mA");
            assertThatThrownBy(() -> sms.send(new Recipient(null, null, "+447700900999"), NOTICE, null)).isInstanceOf(UndeliverableException.class);
        }
    }

    @Test
    void push_posts_the_signed_credential_and_an_unknown_guest_is_undeliverable() throws Exception {
        String secret = "push-secret-push-secret-push-secret-01";
        try (HttpStub app = new HttpStub()) {
            app.on("POST", "/push", (r, m) -> r.json().path("guestId").asText().equals("g-77")
                    ? HttpStub.Reply.json(202, Map.of("id", "push-5")) : HttpStub.Reply.json(404, Map.of("error", "unknown guest")));
            DeliveryChannel push = new PushChannelFactory().create(config(Map.of("hub.channels.push.url", app.url() + "/push",
                    "hub.channels.push.secret", secret)), Clock.systemUTC());
            assertThat(push.send(GUEST, NOTICE, null).providerId()).isEqualTo("push-5");
            HttpStub.Request sent = app.requests().get(0);
            assertThat(sent.header(SignedWebhookTarget.SIGNATURE)).isEqualTo("sha256=" + SignedWebhookTarget.sign(secret.getBytes(StandardCharsets.UTF_8),
                    sent.header(SignedWebhookTarget.TIMESTAMP), sent.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.json().path("type").asText()).isEqualTo("wifi.credential");
            assertThat(sent.json().path("passphrase").asText()).isEqualTo("Kp7wQ9rTz4mA");
            assertThat(sent.json().path("ssid").asText()).isEqualTo("Harbour-Guest");
            assertThat(sent.json().has("username")).isFalse();
            assertThatThrownBy(() -> push.send(new Recipient("g-unknown", null, null), NOTICE, null)).isInstanceOf(UndeliverableException.class);
            assertThat(push.canReach(new Recipient(null, "a@b.c", "+447700900123"))).isFalse();

            CredentialNotice noLanguage = new CredentialNotice(null, "Ada", "Harbour Hotel", "Harbour-Guest", CredentialKind.PSK, "guest-k3x9",
                    "Kp7wQ9rTz4mA", NOTICE.validFrom(), NOTICE.validUntil(), NOTICE.zone(), false);
            push.send(GUEST, noLanguage, null);
            assertThat(app.requests().get(app.requests().size() - 1).json().path("language").asText()).as("never null").isEqualTo("en");
        }
    }
}
