package org.wifionboarding.hub.connect.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Decides whether a webhook really comes from its source; one implementation per way a vendor can prove it. */
public interface WebhookAuthenticator {

    boolean authenticate(WebhookRequest request);

    /** Compares secrets in time that depends on neither their content nor their length. */
    static boolean sameSecret(String presented, String expected) {
        if (presented == null || expected == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
