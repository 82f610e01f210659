package org.wifionboarding.hub.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes sure every node of a cluster runs with the same secrets: the first node to start records a
 * fingerprint of each (an HMAC-SHA256 keyed with the secret over its name, so the table never holds the
 * secret itself) and every later start compares its own. A node whose at-rest key differs would write guest
 * data the others cannot read; one whose admin token differs would answer operators differently: such a node
 * refuses to start, naming the option.
 */
public final class ClusterSecrets {

    /** A node's secrets do not match the ones its database was first used with. */
    public static final class MismatchException extends IllegalStateException {
        public MismatchException(String message) {
            super(message);
        }
    }

    private final JdbcTemplate jdbc;

    public ClusterSecrets(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records the fingerprint of {@code secret} under {@code option} (its configuration key) the first time, and
     * refuses a different one afterwards.
     */
    public void verify(String option, byte[] secret) {
        String mine = fingerprint(option, secret);
        jdbc.update("INSERT INTO cluster_secret (name, fingerprint, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                option, mine, OffsetDateTime.now(ZoneOffset.UTC));
        List<String> recorded = jdbc.queryForList("SELECT fingerprint FROM cluster_secret WHERE name = ?", String.class, option);
        if (!recorded.isEmpty() && !recorded.get(0).equals(mine)) {
            throw new MismatchException(option + " differs from the one this database was first used with (fingerprint "
                    + recorded.get(0).substring(0, 12) + "…, this node's " + mine.substring(0, 12) + "…): every hub node must be given the "
                    + "same " + option + "; refusing to start");
        }
    }

    static String fingerprint(String option, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("wifi-onboarding-hub fingerprint of " + option).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
