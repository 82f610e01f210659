package org.wifionboarding.hub.connect.webhook;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code type=http}: the signed webhook-out. */
public final class SignedWebhookTargetFactory implements ProvisioningTargetFactory {

    public static final Option URL = Option.of("hub.targets.<target>.url", "", "http: where credential changes are POSTed");
    public static final Option SECRET = Option.of("hub.targets.<target>.secret", "",
            "http: HMAC-SHA256 key of `X-Hub-Signature-256` (at least 32 characters)");

    @Override
    public String type() {
        return "http";
    }

    @Override
    public List<Option> options() {
        return List.of(URL, SECRET);
    }

    @Override
    public List<String> problems(String name, Function<Option, String> config, java.util.Set<CredentialKind> kinds) {
        List<String> found = new java.util.ArrayList<>();
        ProvisioningTargetFactory.required(URL, name, config, "where the hub POSTs each credential change").ifPresent(found::add);
        if (config.apply(SECRET).length() < 32) {
            found.add(ProvisioningTargetFactory.key(SECRET, name) + " must be at least 32 characters: it keys the HMAC-SHA256 signature the "
                    + "controller checks");
        }
        return found;
    }

    @Override
    public ProvisioningTarget create(String name, Function<Option, String> config, Resources resources) {
        if (config.apply(URL).isBlank() || config.apply(SECRET).length() < 32) {
            throw new IllegalArgumentException("target '" + name + "' (http) needs url and a secret of at least 32 characters");
        }
        return new SignedWebhookTarget(name, config.apply(URL), config.apply(SECRET),
                new VendorHttp("webhook target " + name, Duration.parse(config.apply(TIMEOUT)), false, null, resources.clock()),
                resources.clock());
    }
}
