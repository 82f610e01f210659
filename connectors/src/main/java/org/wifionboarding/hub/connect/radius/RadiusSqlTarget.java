package org.wifionboarding.hub.connect.radius;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
 * the target's zone, which must be the zone the RADIUS server runs in. For {@code psk} credentials, each
 * device registered for the booking gets MAC-authentication rows with the PSK in the reply
 * ({@code Tunnel-Password}, {@code Cisco-AVPair psk=}), marked with the booking's user name ({@code hub_owner}).
 */
public final class RadiusSqlTarget implements ProvisioningTarget {

    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", Locale.ENGLISH);

    private final String name;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final org.wifionboarding.hub.connect.http.SharedLock accountLocks;
    private final ZoneId radiusZone;
    private final String group;
    private final java.util.function.UnaryOperator<String> macFormat;

    public RadiusSqlTarget(String name, DataSource dataSource, ZoneId radiusZone, String group) {
        this(name, dataSource, radiusZone, group, "aabbccddeeff");
    }

    private final RadiusDisconnect disconnect;

    public RadiusSqlTarget(String name, DataSource dataSource, ZoneId radiusZone, String group, String macFormat) {
        this(name, dataSource, radiusZone, group, macFormat, null);
    }

    /** @param disconnect ends the open sessions of a revoked account (RFC 5176), or null when no NAS secret is configured */
    public RadiusSqlTarget(String name, DataSource dataSource, ZoneId radiusZone, String group, String macFormat, RadiusDisconnect disconnect) {
        this.disconnect = disconnect;
        this.macFormat = macFormat(macFormat);
        this.name = name;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.accountLocks = new org.wifionboarding.hub.connect.http.SharedLock(dataSource);
        this.radiusZone = radiusZone;
        this.group = group == null || group.isBlank() ? null : group;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<CredentialKind> kinds() {
        return Set.of(CredentialKind.RADIUS_ACCOUNT, CredentialKind.PSK);
    }

    @Override
    public boolean usesDevices(CredentialKind kind) {
        return kind == CredentialKind.PSK;
    }

    @Override
    public boolean inHubDatabase() {
        return true;
    }

    /** Everything but ending the sessions of a revoked account, which is a RADIUS request to the NASes when a secret is set. */
    @Override
    public boolean staysInHubDatabase(Credential desired) {
        return !endsSessions(desired);
    }

    /** Whether reconciling to {@code desired} sends the NASes a Disconnect-Request: the account refused, and a secret set. */
    private boolean endsSessions(Credential desired) {
        return disconnect != null && (desired == null || !desired.usable());
    }

    @Override
    public Result reconcile(Account account, Credential desired) {
        String username = account.username();
        boolean psk = desired != null && desired.kind() == CredentialKind.PSK;
        boolean endsSessions = endsSessions(desired);
        // the accounts whose sessions end with this one: the booking's own and its devices' MAC-authentication accounts
        java.util.Set<String> accounts = new java.util.LinkedHashSet<>(List.of(username));
        if (endsSessions) {
            accounts.addAll(jdbc.queryForList("SELECT DISTINCT username FROM radcheck WHERE hub_owner = ?", String.class, username));
        }
        // one reconciliation of an account at a time, on any consumer or node: two at once would each delete nothing the
        // other has not committed yet and both insert (a single-node fault run once left an account with two sets of rows)
        String lock = "radius:" + username;
        accountLocks.holding(lock, () -> transaction.execute(status -> {
            jdbc.update("DELETE FROM radcheck WHERE username = ? AND attribute IN ('Cleartext-Password', 'Expiration', 'Auth-Type')", username);
            jdbc.update("DELETE FROM radusergroup WHERE username = ?", username);
            for (String table : List.of("radcheck", "radreply", "radusergroup")) {
                jdbc.update("DELETE FROM " + table + " WHERE hub_owner = ?", username);
            }
            if (desired != null && !psk) {
                insert(username, "Cleartext-Password", desired.passphrase(), null);
                insert(username, "Expiration", expiration(desired), null);
                if (!desired.usable()) {
                    insert(username, "Auth-Type", "Reject", null);
                }
                if (group != null) {
                    jdbc.update("INSERT INTO radusergroup (username, groupname, priority) VALUES (?, ?, 1)", username, group);
                }
            }
            if (psk) {
                desired.devices().stream().map(macFormat::apply).distinct().forEach(device -> device(device, desired, username));
            }
            if (desired == null) {
                accountLocks.forget(lock);   // the account is gone for good: so is its lock
            }
            return null;
        }));
        if (endsSessions) {
            // the rows are gone first, so a device cannot simply log in again: in a caller's transaction, once it commits
            afterCommit(() -> disconnect.disconnect(accounts));
        }
        return desired == null || psk && desired.devices().isEmpty() ? Result.NONE : new Result(username, null);
    }

    /**
     * Runs {@code work} once the caller's transaction commits, or now when there is none. A failure then reaches the
     * caller from its commit, after the rows are gone: its retry finds nothing to delete and ends the sessions again.
     */
    private static void afterCommit(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }

    /**
     * A registered device: MAC authentication (the NAS sends the MAC as user name and password) answered with
     * the guest's PSK, as {@code Tunnel-Password} and as Cisco's {@code psk-mode}/{@code psk} pair. A device
     * belongs to one booking at a time: the latest to register it takes it over.
     */
    private void device(String device, Credential desired, String owner) {
        for (String table : List.of("radcheck", "radreply", "radusergroup")) {
            jdbc.update("DELETE FROM " + table + " WHERE username = ? AND hub_owner IS NOT NULL", device);
        }
        insert(device, "Cleartext-Password", device, owner);
        insert(device, "Expiration", expiration(desired), owner);
        if (!desired.usable()) {
            insert(device, "Auth-Type", "Reject", owner);
        }
        reply(device, "Tunnel-Password", ":=", desired.passphrase(), owner);
        reply(device, "Cisco-AVPair", "+=", "psk-mode=ascii", owner);
        reply(device, "Cisco-AVPair", "+=", "psk=" + desired.passphrase(), owner);
        if (group != null) {
            jdbc.update("INSERT INTO radusergroup (username, groupname, priority, hub_owner) VALUES (?, ?, 1, ?)", device, group, owner);
        }
    }

    private void insert(String username, String attribute, String value, String owner) {
        jdbc.update("INSERT INTO radcheck (username, attribute, op, value, hub_owner) VALUES (?, ?, ':=', ?, ?)", username, attribute, value, owner);
    }

    private void reply(String username, String attribute, String op, String value, String owner) {
        jdbc.update("INSERT INTO radreply (username, attribute, op, value, hub_owner) VALUES (?, ?, ?, ?, ?)", username, attribute, op, value, owner);
    }

    /** How the NAS writes a MAC address in {@code User-Name} for MAC authentication. */
    static java.util.function.UnaryOperator<String> macFormat(String pattern) {
        return switch (pattern) {
            case "aabbccddeeff" -> mac -> mac.replace(":", "");
            case "AABBCCDDEEFF" -> mac -> mac.replace(":", "").toUpperCase(Locale.ROOT);
            case "aa-bb-cc-dd-ee-ff" -> mac -> mac.replace(':', '-');
            case "AA-BB-CC-DD-EE-FF" -> mac -> mac.replace(':', '-').toUpperCase(Locale.ROOT);
            case "aa:bb:cc:dd:ee:ff" -> mac -> mac;
            case "AA:BB:CC:DD:EE:FF" -> mac -> mac.toUpperCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("MAC format '" + pattern + "' is none of aabbccddeeff, AABBCCDDEEFF, "
                    + "aa-bb-cc-dd-ee-ff, AA-BB-CC-DD-EE-FF, aa:bb:cc:dd:ee:ff, AA:BB:CC:DD:EE:FF");
        };
    }

    String expiration(Credential credential) {
        return EXPIRATION.format(credential.validUntil().atZone(radiusZone));
    }
}
