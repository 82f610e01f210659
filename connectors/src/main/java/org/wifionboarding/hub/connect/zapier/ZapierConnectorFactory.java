package org.wifionboarding.hub.connect.zapier;

import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.connect.WebhookSource;
import org.wifionboarding.hub.connect.auth.BearerTokenAuthenticator;

/** Zapier: the generic contract, {@code Authorization: Bearer}, as JSON or as a form (see docs/zapier.md). */
public final class ZapierConnectorFactory implements SourceConnectorFactory {

    public static final Option TOKEN = Option.of("hub.sources.zapier.token", "",
            "bearer token the zap sends (`Authorization: Bearer ...`); unset disables the source");

    @Override
    public String source() {
        return "zapier";
    }

    @Override
    public List<Option> options() {
        return List.of(TOKEN);
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        String token = config.apply(TOKEN);
        if (SourceConnectorFactory.disabled(token)) {
            return null;
        }
        return new WebhookSource("zapier", new BearerTokenAuthenticator(token), null) {
            @Override
            public boolean acceptsForm() {
                return true;
            }
        };
    }
}
