package org.wifionboarding.hub.connect.radius;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;

/**
 * FreeRADIUS {@code rlm_sql}: one RADIUS account per booking in {@code radcheck}
 * ({@code Cleartext-Password} and {@code Expiration}), for WPA2/WPA3-Enterprise or a captive portal,
 * and, when the target names a group, a {@code radusergroup} row so the venue's {@code radgroupreply}
 * (session limits, bandwidth, VLAN) applies. A credential that exists but must not let the guest in yet
 * (before its window or its check-in) also carries {@code Auth-Type := Reject}.
 * {@code Expiration} is a wall-clock string that FreeRADIUS reads in its own zone, so it is written in
 * the target's zone, which must be the zone the RADIUS server runs in.
 */
public final class RadiusSqlTarget implements ProvisioningTarget {

    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", Locale.ENGLISH);

    private final String name;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ZoneId radiusZone;
    private final String group;

    public RadiusSqlTarget(String name, DataSource dataSource, ZoneId radiusZone, String group) {
        this.name = name;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.radiusZone = radiusZone;
        this.group = group == null || group.isBlank() ? null : group;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<CredentialKind> kinds() {
        return Set.of(CredentialKind.RADIUS_ACCOUNT);
    }

    @Override
    public Result reconcile(Account account, Credential desired) {
        String username = account.username();
        transaction.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM radcheck WHERE username = ? AND attribute IN ('Cleartext-Password', 'Expiration', 'Auth-Type')", username);
            jdbc.update("DELETE FROM radusergroup WHERE username = ?", username);
            if (desired != null) {
                insert(username, "Cleartext-Password", desired.passphrase());
                insert(username, "Expiration", expiration(desired));
                if (!desired.usable()) {
                    insert(username, "Auth-Type", "Reject");
                }
                if (group != null) {
                    jdbc.update("INSERT INTO radusergroup (username, groupname, priority) VALUES (?, ?, 1)", username, group);
                }
            }
        });
        return desired == null ? Result.NONE : new Result(username, null);
    }

    private void insert(String username, String attribute, String value) {
        jdbc.update("INSERT INTO radcheck (username, attribute, op, value) VALUES (?, ?, ':=', ?)", username, attribute, value);
    }

    String expiration(Credential credential) {
        return EXPIRATION.format(credential.validUntil().atZone(radiusZone));
    }
}
