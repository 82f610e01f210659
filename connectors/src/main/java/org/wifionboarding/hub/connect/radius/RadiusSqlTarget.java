package org.wifionboarding.hub.connect.radius;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;

/**
 * FreeRADIUS {@code rlm_sql}: one RADIUS account per booking in {@code radcheck}
 * ({@code Cleartext-Password} and {@code Expiration}), for WPA2/WPA3-Enterprise or a captive portal.
 * {@code Expiration} is a wall-clock string that FreeRADIUS reads in its own zone, so it is written in
 * {@code hub.radius.timezone}, which must be the zone the RADIUS server runs in.
 */
public final class RadiusSqlTarget implements ProvisioningTarget {

    public static final Option TIMEZONE = Option.of("hub.radius.timezone", "UTC",
            "zone the FreeRADIUS server runs in; `Expiration` is written in it");

    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", Locale.ENGLISH);
    private static final List<String> ATTRIBUTES = List.of("Cleartext-Password", "Expiration");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ZoneId radiusZone;

    public RadiusSqlTarget(DataSource dataSource, ZoneId radiusZone) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.radiusZone = radiusZone;
    }

    @Override
    public String name() {
        return "radius-sql";
    }

    @Override
    public void reconcile(String username, Credential desired) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM radcheck WHERE username = ? AND attribute IN (?, ?)", username, ATTRIBUTES.get(0), ATTRIBUTES.get(1));
            if (desired != null) {
                jdbc.update("INSERT INTO radcheck (username, attribute, op, value) VALUES (?, ?, ':=', ?)",
                        username, "Cleartext-Password", desired.passphrase());
                jdbc.update("INSERT INTO radcheck (username, attribute, op, value) VALUES (?, ?, ':=', ?)",
                        username, "Expiration", expiration(desired));
            }
        });
    }

    String expiration(Credential credential) {
        return EXPIRATION.format(credential.validUntil().atZone(radiusZone));
    }
}
