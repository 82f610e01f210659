package org.wifionboarding.hub.connect.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code Authorization: Basic} with the configured user and password (Apaleo's recommendation), compared in constant time. */
public record BasicAuthenticator(String username, String password) implements WebhookAuthenticator {

    @Override
    public boolean authenticate(WebhookRequest request) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String expected = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return WebhookAuthenticator.sameSecret(header.substring(6).trim(), expected);
    }
}
