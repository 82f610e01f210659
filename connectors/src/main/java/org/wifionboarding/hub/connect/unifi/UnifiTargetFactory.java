package org.wifionboarding.hub.connect.unifi;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.http.SharedLock;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code type=unifi}: vouchers and PPSK entries through the UniFi Network controller API. */
public final class UnifiTargetFactory implements ProvisioningTargetFactory {

    public static final Option API_URL = Option.of("hub.targets.<target>.controller-url", "", "unifi: controller address (`https://unifi:8443`, or the UniFi OS console)");
    public static final Option UNIFI_OS = Option.of("hub.targets.<target>.unifi-os", "false",
            "unifi: a UniFi OS console (login `/api/auth/login`, API under `/proxy/network`, CSRF token)");
    public static final Option SITE = Option.of("hub.targets.<target>.site", "default", "unifi: site name");
    public static final Option USERNAME = Option.of("hub.targets.<target>.username", "", "unifi: controller user (a local admin for the hub)");
    public static final Option PASSWORD = Option.of("hub.targets.<target>.password", "", "unifi: controller password");
    public static final Option WLAN = Option.of("hub.targets.<target>.wlan-id", "", "unifi: WLAN whose `private_preshared_keys` hold guest PSKs (PSK venues)");
    public static final Option NETWORK = Option.of("hub.targets.<target>.networkconf-id", "", "unifi: network (VLAN) of guest PSK entries");
    public static final Option QUOTA = Option.of("hub.targets.<target>.voucher-quota", "0",
            "unifi: voucher uses: 0 multi-use (every device of the guest), 1 single-use, n uses");

    @Override
    public String type() {
        return "unifi";
    }

    @Override
    public List<Option> options() {
        return List.of(API_URL, UNIFI_OS, SITE, USERNAME, PASSWORD, WLAN, NETWORK, QUOTA);
    }

    @Override
    public List<String> problems(String name, Function<Option, String> config, java.util.Set<CredentialKind> kinds) {
        List<java.util.Optional<String>> found = new java.util.ArrayList<>(List.of(
                ProvisioningTargetFactory.required(API_URL, name, config, "the UniFi Network controller (or UniFi OS console) address"),
                ProvisioningTargetFactory.required(USERNAME, name, config, "the controller's API is used with a local admin's session "
                        + "(POST /api/login, or /api/auth/login on UniFi OS)"),
                ProvisioningTargetFactory.required(PASSWORD, name, config, "the local admin's password for that session")));
        if (kinds.contains(CredentialKind.PSK)) {
            found.add(ProvisioningTargetFactory.required(WLAN, name, config, "a PSK venue's keys are private_preshared_keys of one WLAN "
                    + "(rest/wlanconf/{_id})"));
            found.add(ProvisioningTargetFactory.required(NETWORK, name, config, "each private pre-shared key names the network it puts the guest on "
                    + "(networkconf_id)"));
        }
        return found.stream().flatMap(java.util.Optional::stream).toList();
    }

    @Override
    public ProvisioningTarget create(String name, Function<Option, String> config, Resources resources) {
        if (config.apply(API_URL).isBlank() || config.apply(USERNAME).isBlank()) {
            throw new IllegalArgumentException("target '" + name + "' (unifi) needs controller-url, username and password");
        }
        UnifiTarget.Settings settings = new UnifiTarget.Settings(config.apply(API_URL), Boolean.parseBoolean(config.apply(UNIFI_OS)),
                config.apply(SITE), config.apply(USERNAME), config.apply(PASSWORD), config.apply(WLAN), config.apply(NETWORK),
                Integer.parseInt(config.apply(QUOTA)));
        return new UnifiTarget(name, settings, new VendorHttp("UniFi", Duration.parse(config.apply(TIMEOUT)), true, null, resources.clock()),
                new SharedLock(resources.dataSource()));
    }
}
