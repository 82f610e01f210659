package org.wifionboarding.hub.connect.auth;

/**
 * A secret in the URL registered with the vendor ({@code ?token=...}): Mews and Cloudbeds sign nothing,
 * so the URL is the secret; serve it over HTTPS only.
 */
public record QueryTokenAuthenticator(String parameter, String token) implements WebhookAuthenticator {

    @Override
    public boolean authenticate(WebhookRequest request) {
        return WebhookAuthenticator.sameSecret(request.query().get(parameter), token);
    }
}
