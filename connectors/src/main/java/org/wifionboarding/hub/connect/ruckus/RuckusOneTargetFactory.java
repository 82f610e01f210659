package org.wifionboarding.hub.connect.ruckus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code type=ruckus-one}: DPSK passphrases through the RUCKUS One API. */
public final class RuckusOneTargetFactory implements ProvisioningTargetFactory {

    public static final Option API_URL = Option.of("hub.targets.<target>.ruckus-url", "https://api.ruckus.cloud",
            "ruckus-one: API host of the tenant's region (`https://api.eu.ruckus.cloud`, `https://api.asia.ruckus.cloud`)").as(Option.Kind.URL);
    public static final Option TENANT = Option.of("hub.targets.<target>.tenant-id", "", "ruckus-one: tenant id of the API key");
    public static final Option RUCKUS_CLIENT_ID = Option.of("hub.targets.<target>.ruckus-client-id", "",
            "ruckus-one: client id of the API key (client credentials grant)");
    public static final Option RUCKUS_CLIENT_SECRET = Option.of("hub.targets.<target>.ruckus-client-secret", "",
            "ruckus-one: client secret of the API key");
    public static final Option DELEGATED_TENANT = Option.of("hub.targets.<target>.delegated-tenant-id", "",
            "ruckus-one: a managed property's tenant id (MSP or brand accounts; sent as `x-rks-tenantid`)");
    public static final Option POOL = Option.of("hub.targets.<target>.dpsk-pool-id", "", "ruckus-one: DPSK pool (service) of guest passphrases");
    public static final Option VLAN = Option.of("hub.targets.<target>.vlan-id", "", "ruckus-one: VLAN of guest passphrases (empty: the pool's)").as(Option.Kind.WHOLE_NUMBER);
    public static final Option DEVICES = Option.of("hub.targets.<target>.devices-per-key", "",
            "ruckus-one: devices one passphrase admits, 1-512 (empty: the pool's limit)").as(Option.Kind.WHOLE_NUMBER);
    public static final Option APPLY_WITHIN = Option.of("hub.targets.<target>.apply-within", "PT30S",
            "ruckus-one: how long to wait for an asynchronous write to be applied before leaving it to a retry").as(Option.Kind.DURATION);

    @Override
    public String type() {
        return "ruckus-one";
    }

    @Override
    public List<Option> options() {
        return List.of(API_URL, TENANT, RUCKUS_CLIENT_ID, RUCKUS_CLIENT_SECRET, DELEGATED_TENANT, POOL, VLAN, DEVICES, APPLY_WITHIN);
    }

    @Override
    public List<String> problems(String name, Function<Option, String> config, Set<CredentialKind> kinds) {
        String devices = config.apply(DEVICES);
        return Stream.of(
                ProvisioningTargetFactory.required(TENANT, name, config, "the API key's token is issued for a tenant "
                        + "(POST /oauth2/token/{tenantId})"),
                ProvisioningTargetFactory.required(RUCKUS_CLIENT_ID, name, config, "RUCKUS One authenticates an API key with the OAuth2 "
                        + "client_credentials grant (client_id)"),
                ProvisioningTargetFactory.required(RUCKUS_CLIENT_SECRET, name, config, "that API key's client_secret"),
                ProvisioningTargetFactory.required(POOL, name, config, "DPSK passphrases live in a pool: /dpskServices/{poolId}/passphrases"),
                devices.isBlank() || (Integer.parseInt(devices) >= 1 && Integer.parseInt(devices) <= 512) ? Optional.<String>empty()
                        : Optional.of(ProvisioningTargetFactory.key(DEVICES, name) + " is " + devices
                                + ": RUCKUS One admits 1 to 512 devices per passphrase (numberOfDevices)"))
                .flatMap(Optional::stream).toList();
    }

    @Override
    public ProvisioningTarget create(String name, Function<Option, String> config, Resources resources) {
        List<String> problems = problems(name, config, Set.of(CredentialKind.PSK));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new RuckusOneTarget(name, new RuckusOneTarget.Settings(config.apply(API_URL), config.apply(TENANT), config.apply(RUCKUS_CLIENT_ID),
                config.apply(RUCKUS_CLIENT_SECRET), config.apply(DELEGATED_TENANT), config.apply(POOL), config.apply(VLAN),
                config.apply(DEVICES), Duration.parse(config.apply(APPLY_WITHIN))),
                new VendorHttp("RUCKUS One", Duration.parse(config.apply(TIMEOUT)), false, null, resources.clock()), resources.clock());
    }
}
