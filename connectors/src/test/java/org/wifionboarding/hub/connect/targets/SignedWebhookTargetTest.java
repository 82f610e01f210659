package org.wifionboarding.hub.connect.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.config;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.stay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTarget.Result;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.webhook.SignedWebhookTarget;
import org.wifionboarding.hub.connect.webhook.SignedWebhookTargetFactory;

class SignedWebhookTargetTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-webhook";
    private final HttpStub receiver = new HttpStub();
    private final JdbcConnectionPool db = TargetTestSupport.database("webhook" + System.nanoTime());

    SignedWebhookTargetTest() throws Exception {
        // a receiver as the docs describe it: recompute the signature, compare in constant time, answer with its reference
        receiver.on("POST", "/wifi", (r, m) -> {
            String expected = "sha256=" + SignedWebhookTarget.sign(SECRET.getBytes(StandardCharsets.UTF_8), r.header("X-Hub-Timestamp"),
                    r.body().getBytes(StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), r.header("X-Hub-Signature-256").getBytes(StandardCharsets.US_ASCII))) {
                return HttpStub.Reply.json(401, Map.of("error", "bad signature"));
            }
            return r.json().path("kind").asText().equals("voucher")
                    ? HttpStub.Reply.json(200, Map.of("reference", "ctl-77", "secret", "VOUCH-9921"))
                    : HttpStub.Reply.json(200, Map.of("reference", "ctl-" + r.json().path("username").asText()));
        });
    }

    @AfterEach
    void close() {
        receiver.close();
        db.dispose();
    }

    private ProvisioningTarget target(String secret) {
        return new SignedWebhookTargetFactory().create("venue-ctl", config("venue-ctl", Map.of(
                "hub.targets.venue-ctl.url", receiver.url() + "/wifi",
                "hub.targets.venue-ctl.secret", secret,
                "hub.targets.venue-ctl.timeout", "PT2S")), TargetTestSupport.resources(db));
    }

    @Test
    void posts_the_documented_body_signed_over_timestamp_and_body() {
        Credential stay = stay(CredentialKind.PSK, "Velvet-Moss-31", true);
        Result result = target(SECRET).reconcile(new Account("guest-w1", null), stay);
        assertThat(result.reference()).isEqualTo("ctl-guest-w1");

        HttpStub.Request sent = receiver.requests().get(0);
        assertThat(Long.parseLong(sent.header("X-Hub-Timestamp"))).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.json().path("type").asText()).isEqualTo("credential.present");
        assertThat(sent.json().path("username").asText()).isEqualTo("guest-w1");
        assertThat(sent.json().path("kind").asText()).isEqualTo("psk");
        assertThat(sent.json().path("passphrase").asText()).isEqualTo("Velvet-Moss-31");
        assertThat(Instant.parse(sent.json().path("validFrom").asText())).isEqualTo(stay.validFrom());
        assertThat(Instant.parse(sent.json().path("validUntil").asText())).isEqualTo(stay.validUntil());
        assertThat(sent.json().path("usable").asBoolean()).isTrue();

        assertThat(target(SECRET).reconcile(new Account("guest-w1", result.reference()), null)).isEqualTo(Result.NONE);
        HttpStub.Request removal = receiver.requests().get(1);
        assertThat(removal.json().path("type").asText()).isEqualTo("credential.absent");
        assertThat(removal.json().path("reference").asText()).isEqualTo("ctl-guest-w1");
        assertThat(removal.json().has("passphrase")).isFalse();
    }

    @Test
    void a_voucher_code_issued_by_the_receiver_comes_back_and_a_wrong_secret_is_refused() {
        assertThat(target(SECRET).reconcile(new Account("guest-w2", null), stay(CredentialKind.VOUCHER, null, true)))
                .isEqualTo(new Result("ctl-77", "VOUCH-9921"));
        assertThatThrownBy(() -> target("another-secret-another-secret-12345").reconcile(new Account("guest-w3", null),
                stay(CredentialKind.PSK, "Velvet-Moss-31", true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("401").hasMessageContaining("bad signature");
        receiver.failNext(null, 503, "4", null, 0);
        assertThatThrownBy(() -> target(SECRET).reconcile(new Account("guest-w4", null), stay(CredentialKind.PSK, "Velvet-Moss-31", true)))
                .isInstanceOfSatisfying(TargetUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
        assertThatThrownBy(() -> target("short")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 characters");
    }
}
