package org.wifionboarding.hub.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM for what the hub keeps at rest: passphrases, guest data, rejected payloads. */
public final class AtRestCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public AtRestCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the at-rest key must be 32 bytes (AES-256), base64-encoded");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The configured key, or the one in {@code keyFile}, created (mode 600) on first start. */
    public static AtRestCipher fromConfigOrFile(String configuredBase64, Path keyFile) {
        if (configuredBase64 != null && !configuredBase64.isBlank()) {
            try {
                return new AtRestCipher(Base64.getDecoder().decode(configuredBase64.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hub.crypto.key: the at-rest key must be 32 bytes (AES-256), base64-encoded "
                        + "(e.g. `openssl rand -base64 32`)");
            }
        }
        return new AtRestCipher(Base64.getDecoder().decode(SecretFiles.readOrCreate(keyFile, () -> {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            return Base64.getEncoder().encodeToString(fresh);
        })));
    }

    /** Records this key's fingerprint in the database, or refuses it when the database was first used with another. */
    public void verifyAgainst(ClusterSecrets cluster, String option) {
        cluster.verify(option, key.getEncoded());
    }

    public byte[] encrypt(byte[] plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key or tampered data", e);
        }
    }

    public byte[] encryptText(String plain) {
        return plain == null ? null : encrypt(plain.getBytes(StandardCharsets.UTF_8));
    }

    public String decryptText(byte[] sealed) {
        return sealed == null ? null : new String(decrypt(sealed), StandardCharsets.UTF_8);
    }

    /** Secrets kept in files readable by their owner only. */
    public static final class SecretFiles {
        private SecretFiles() {
        }

        public static String readOrCreate(Path file, java.util.function.Supplier<String> generator) {
            try {
                if (Files.exists(file)) {
                    return Files.readString(file, StandardCharsets.UTF_8).trim();
                }
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), ".secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: rely on the data directory's ACL
                }
                String secret = generator.get();
                Files.writeString(temp, secret + "\n", StandardCharsets.UTF_8);
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return secret;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read or create " + file, e);
            }
        }
    }
}
