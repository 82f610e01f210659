package org.wifionboarding.hub.store;

import java.security.SecureRandom;

/** Passphrases a guest can type: {@link SecureRandom}, no look-alike characters (0/O, 1/l/I). */
public final class PassphraseGenerator {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int length;

    public PassphraseGenerator(int length) {
        if (length < 12) {
            throw new IllegalArgumentException("passphrases must be at least 12 characters");
        }
        this.length = length;
    }

    public String next() {
        StringBuilder passphrase = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            passphrase.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return passphrase.toString();
    }
}
