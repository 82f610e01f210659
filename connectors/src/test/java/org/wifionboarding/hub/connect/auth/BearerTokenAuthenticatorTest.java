package org.wifionboarding.hub.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {

    private final BearerTokenAuthenticator auth = new BearerTokenAuthenticator("s3cret-token");

    private static WebhookRequest withAuthorization(String value) {
        return new WebhookRequest(value == null ? Map.of() : Map.of("authorization", value), Map.of());
    }

    @Test
    void accepts_the_configured_token() {
        assertThat(auth.authenticate(withAuthorization("Bearer s3cret-token"))).isTrue();
        assertThat(auth.authenticate(withAuthorization("bearer s3cret-token"))).isTrue();
    }

    @Test
    void refuses_a_wrong_missing_or_differently_schemed_token() {
        assertThat(auth.authenticate(withAuthorization("Bearer s3cret-tokeN"))).isFalse();
        assertThat(auth.authenticate(withAuthorization("Bearer s3cret-token-and-more"))).isFalse();
        assertThat(auth.authenticate(withAuthorization("Basic s3cret-token"))).isFalse();
        assertThat(auth.authenticate(withAuthorization(null))).isFalse();
    }

    @Test
    void an_unconfigured_token_accepts_nothing() {
        assertThat(new BearerTokenAuthenticator("").authenticate(withAuthorization("Bearer "))).isFalse();
    }
}
