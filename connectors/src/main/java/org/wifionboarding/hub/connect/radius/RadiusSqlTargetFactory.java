package org.wifionboarding.hub.connect.radius;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;

/** {@code type=radius-sql}: FreeRADIUS {@code rlm_sql} tables in the hub's own database. Target {@code radius-sql} always exists. */
public final class RadiusSqlTargetFactory implements ProvisioningTargetFactory {

    public static final Option TIMEZONE = Option.of("hub.radius.timezone", "UTC",
            "zone the FreeRADIUS server runs in; `Expiration` is written in it (default for every radius-sql target)");
    public static final Option TARGET_TIMEZONE = Option.of("hub.targets.<target>.timezone", "`hub.radius.timezone`",
            "radius-sql: zone of this target's RADIUS server");
    public static final Option GROUP = Option.of("hub.targets.<target>.group", "",
            "radius-sql: `radusergroup` group of guest accounts, for the venue's `radgroupreply` (session limits, bandwidth, VLAN)");

    public static final Option MAC_FORMAT = Option.of("hub.targets.<target>.mac-format", "aabbccddeeff",
            "radius-sql: how the NAS writes a device's MAC in `User-Name` for MAC authentication of `psk` devices "
                    + "(`aabbccddeeff`, `AABBCCDDEEFF`, `aa-bb-cc-dd-ee-ff`, `AA-BB-CC-DD-EE-FF`, `aa:bb:cc:dd:ee:ff`, `AA:BB:CC:DD:EE:FF`)");

    public static final Option DISCONNECT_SECRET = Option.of("hub.radius.disconnect.secret", "",
            "RFC 5176 shared secret of the NASes (access points, controllers) for Disconnect-Requests: when a credential is revoked or "
                    + "expires, each session FreeRADIUS recorded as open in `radacct` is ended; unset: sessions end at re-authentication");
    public static final Option DISCONNECT_PORT = Option.of("hub.radius.disconnect.port", "3799", "port the NASes take Disconnect-Requests on");
    public static final Option DISCONNECT_TIMEOUT = Option.of("hub.radius.disconnect.timeout", "PT3S",
            "how long a NAS has to answer a Disconnect-Request (tried 3 times) before the revocation is retried");

    @Override
    public String type() {
        return "radius-sql";
    }

    @Override
    public List<Option> options() {
        return List.of(TARGET_TIMEZONE, GROUP, MAC_FORMAT);
    }

    @Override
    public ProvisioningTarget create(String name, Function<Option, String> config, Resources resources) {
        String zone = config.apply(TARGET_TIMEZONE);
        String secret = config.apply(DISCONNECT_SECRET);
        RadiusDisconnect disconnect = secret.isBlank() ? null : new RadiusDisconnect(resources.dataSource(), secret,
                Integer.parseInt(config.apply(DISCONNECT_PORT)), java.time.Duration.parse(config.apply(DISCONNECT_TIMEOUT)));
        return new RadiusSqlTarget(name, resources.dataSource(),
                ZoneId.of(zone.equals(TARGET_TIMEZONE.defaultValue()) ? config.apply(TIMEZONE) : zone), config.apply(GROUP),
                config.apply(MAC_FORMAT), disconnect);
    }
}
