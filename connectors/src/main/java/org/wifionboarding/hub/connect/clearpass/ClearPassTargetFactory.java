package org.wifionboarding.hub.connect.clearpass;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code type=clearpass}: guest accounts through the ClearPass Guest REST API. */
public final class ClearPassTargetFactory implements ProvisioningTargetFactory {

    public static final Option API_URL = Option.of("hub.targets.<target>.clearpass-url", "", "clearpass: server address (`https://clearpass.example`)");
    public static final Option CLIENT_ID = Option.of("hub.targets.<target>.client-id", "", "clearpass: API client (client credentials grant)");
    public static final Option CLIENT_SECRET = Option.of("hub.targets.<target>.client-secret", "", "clearpass: API client secret");
    public static final Option ROLE = Option.of("hub.targets.<target>.role-id", "2", "clearpass: role of guest and MPSK device accounts (2 = Guest)");

    @Override
    public String type() {
        return "clearpass";
    }

    @Override
    public List<Option> options() {
        return List.of(API_URL, CLIENT_ID, CLIENT_SECRET, ROLE);
    }

    @Override
    public List<String> problems(String name, Function<Option, String> config, java.util.Set<CredentialKind> kinds) {
        return java.util.stream.Stream.of(
                ProvisioningTargetFactory.required(API_URL, name, config, "the ClearPass server whose REST API (/api) holds the guest accounts"),
                ProvisioningTargetFactory.required(CLIENT_ID, name, config, "the ClearPass API authenticates an API client with the OAuth2 "
                        + "client_credentials grant (POST /api/oauth)"),
                ProvisioningTargetFactory.required(CLIENT_SECRET, name, config, "that API client's secret (client_credentials grant)"))
                .flatMap(java.util.Optional::stream).toList();
    }

    @Override
    public ProvisioningTarget create(String name, Function<Option, String> config, Resources resources) {
        if (config.apply(API_URL).isBlank() || config.apply(CLIENT_ID).isBlank()) {
            throw new IllegalArgumentException("target '" + name + "' (clearpass) needs clearpass-url, client-id and client-secret");
        }
        return new ClearPassTarget(name, new ClearPassTarget.Settings(config.apply(API_URL), config.apply(CLIENT_ID),
                config.apply(CLIENT_SECRET), config.apply(ROLE)),
                new VendorHttp("ClearPass", Duration.parse(config.apply(TIMEOUT)), false, null, resources.clock()), resources.clock());
    }
}
