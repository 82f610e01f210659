package org.wifionboarding.hub.connect.meraki;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.http.SharedRateLimit;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code type=meraki}: identity PSKs through the Meraki Dashboard API v1. */
public final class MerakiTargetFactory implements ProvisioningTargetFactory {

    public static final Option API_URL = Option.of("hub.targets.<target>.api-url", "https://api.meraki.com/api/v1",
            "meraki: Dashboard API base");
    public static final Option API_KEY = Option.of("hub.targets.<target>.api-key", "", "meraki: API key (sent as `Authorization: Bearer`)");
    public static final Option ORGANIZATION = Option.of("hub.targets.<target>.organization-id", "",
            "meraki: organisation id; the rate limit is shared by every target and node naming the same organisation");
    public static final Option NETWORK = Option.of("hub.targets.<target>.network-id", "", "meraki: network id (`N_...`)");
    public static final Option SSID = Option.of("hub.targets.<target>.ssid-number", "0", "meraki: SSID number (0-14)");
    public static final Option GROUP_POLICY = Option.of("hub.targets.<target>.group-policy-id", "",
            "meraki: group policy of guest keys (required: the Dashboard API refuses an identity PSK without `groupPolicyId`)");
    public static final Option RATE = Option.of("hub.targets.<target>.requests-per-second", "9",
            "meraki: requests per second across all consumers and nodes (Meraki allows 10 per organisation)");

    @Override
    public String type() {
        return "meraki";
    }

    @Override
    public List<Option> options() {
        return List.of(API_URL, API_KEY, ORGANIZATION, NETWORK, SSID, GROUP_POLICY, RATE);
    }

    @Override
    public List<String> problems(String name, Function<Option, String> config, java.util.Set<CredentialKind> kinds) {
        return java.util.stream.Stream.of(
                ProvisioningTargetFactory.required(API_KEY, name, config, "every Dashboard API call is authorised by an API key "
                        + "(Authorization: Bearer)"),
                ProvisioningTargetFactory.required(NETWORK, name, config, "identity PSKs live under /networks/{networkId}/wireless/ssids/{number}"
                        + "/identityPsks"),
                ProvisioningTargetFactory.required(GROUP_POLICY, name, config, "the Dashboard API requires groupPolicyId to create an identity PSK "
                        + "(createNetworkWirelessSsidIdentityPsk; name and groupPolicyId are required)"))
                .flatMap(java.util.Optional::stream).toList();
    }

    @Override
    public ProvisioningTarget create(String name, Function<Option, String> config, Resources resources) {
        if (config.apply(API_KEY).isBlank() || config.apply(NETWORK).isBlank()) {
            throw new IllegalArgumentException("target '" + name + "' (meraki) needs api-key and network-id");
        }
        String organization = config.apply(ORGANIZATION);
        SharedRateLimit limit = new SharedRateLimit(resources.dataSource(), "meraki:" + (organization.isBlank() ? name : organization),
                Integer.parseInt(config.apply(RATE)));
        return new MerakiTarget(name, new MerakiTarget.Settings(config.apply(API_URL), config.apply(API_KEY), config.apply(NETWORK),
                config.apply(SSID), config.apply(GROUP_POLICY)),
                new VendorHttp("Meraki", Duration.parse(config.apply(TIMEOUT)), false, limit, resources.clock()).followingRedirects());
    }
}
