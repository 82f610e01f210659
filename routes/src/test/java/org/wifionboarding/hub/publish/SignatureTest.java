package org.wifionboarding.hub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub signs as Standard Webhooks says, and refuses a subscriber it could not sign for. */
class SignatureTest {

    /**
     * The reference libraries' signing vector: standard-webhooks/standard-webhooks, libraries/go/webhook_test.go
     * ({@code TestWebhookSign}), commit b2fa7b8719fb75d326b591077f5d1b385cfcdfae; the C# tests hold the same one.
     */
    @Test
    void the_signature_of_the_reference_test_vector_is_the_one_the_reference_libraries_expect() {
        assertThat(SubscriberDelivery.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        // one byte of the payload changed: another signature
        assertThat(SubscriberDelivery.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232315}")).isNotEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_subscriber_is_refused_at_start_with_the_key_and_the_reason() {
        String url = "hub.subscribers.crm.url";
        assertThatThrownBy(() -> Subscribers.from(Map.of(url, "https://crm.example/hooks", "hub.subscribers.crm.secret", "hunter2")))
                .hasMessageContaining("hub.subscribers.crm.secret").hasMessageContaining("whsec_");
        assertThatThrownBy(() -> Subscribers.from(Map.of(url, "https://crm.example/hooks", "hub.subscribers.crm.secret", "whsec_c2hvcnQ=")))
                .hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> Subscribers.from(Map.of(url, "ftp://crm.example/hooks",
                "hub.subscribers.crm.secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))).hasMessageContaining("hub.subscribers.crm.url");
        assertThatThrownBy(() -> Subscribers.from(Map.of(url, "https://crm.example/hooks", "hub.subscribers.crm.secret",
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "hub.subscribers.crm.events", "booking.confirmed,guest.arrived")))
                .hasMessageContaining("guest.arrived");
        assertThatThrownBy(() -> Subscribers.from(Map.of("hub.subscribers.crm.colour", "red"))).hasMessageContaining("hub.subscribers.crm.colour");
        Subscriber crm = Subscribers.from(Map.of(url, "https://crm.example/hooks", "hub.subscribers.crm.secret",
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "hub.subscribers.crm.venues", "hotel-paris")).all().get(0);
        assertThat(crm.personalData()).isFalse();
        assertThat(crm.wants(EventType.CREDENTIAL_USABLE, "hotel-paris")).isTrue();
        assertThat(crm.wants(EventType.CREDENTIAL_USABLE, "hotel-nice")).isFalse();
        assertThat(crm.toString()).doesNotContain("MfKQ9r8");
        // by environment, as secrets are best given: HUB_SUBSCRIBERS_<NAME>_<OPTION>, '_' in the name for '-'
        Subscriber postStay = Subscribers.from(Map.of("hub.subscribers.post-stay.url", "https://survey.example/hooks"), Map.of(
                "HUB_SUBSCRIBERS_POST_STAY_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "HUB_SUBSCRIBERS_POST_STAY_PERSONAL_DATA", "true",
                "HUB_VENUES_PARIS_TIMEZONE", "Europe/Paris")).all().get(0);
        assertThat(postStay.name()).isEqualTo("post-stay");
        assertThat(postStay.secret()).startsWith("whsec_");
        assertThat(postStay.personalData()).isTrue();
    }
}
