package org.wifionboarding.hub.connect.auth;

/** A header carrying the shared secret as it is (Cvent's {@code Authorization} token, up to 150 characters), compared in constant time. */
public record HeaderSecretAuthenticator(String header, String secret) implements WebhookAuthenticator {

    @Override
    public boolean authenticate(WebhookRequest request) {
        String presented = request.header(header);
        return presented != null && WebhookAuthenticator.sameSecret(presented.trim(), secret);
    }
}
