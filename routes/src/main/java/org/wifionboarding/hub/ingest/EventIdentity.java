package org.wifionboarding.hub.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The hub's id of an accepted event, derived from what identifies it at its source (the source's name and
 * its de-duplication key), never drawn at random: every copy of one event, on every node, before and after a
 * crash, gets the same id. The broker's duplicate detection, the key ledger and the applied-event ledger can
 * then never disagree about which copy owns an event (a random id per copy made the broker keep one copy
 * while the ledger named another, and both were dropped).
 */
public final class EventIdentity {

    private EventIdentity() {
    }

    /** A name-based UUID (RFC 9562 version 8) over SHA-256 of {@code source} and {@code key}. */
    public static String of(String source, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] hash = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);   // version 8: custom, name-based
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);   // IETF variant
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
