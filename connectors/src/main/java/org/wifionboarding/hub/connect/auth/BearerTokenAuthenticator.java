package org.wifionboarding.hub.connect.auth;

/** {@code Authorization: Bearer <token>}: the generic source, Zapier and most systems that can set a header. */
public record BearerTokenAuthenticator(String token) implements WebhookAuthenticator {

    private static final String PREFIX = "Bearer ";

    @Override
    public boolean authenticate(WebhookRequest request) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return WebhookAuthenticator.sameSecret(header.substring(PREFIX.length()).trim(), token);
    }
}
