package org.wifionboarding.hub.connect.cvent;

import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.connect.WebhookSource;
import org.wifionboarding.hub.connect.auth.HeaderSecretAuthenticator;

/**
 * Cvent webhooks: fat attendee messages POSTed to {@code /webhooks/cvent/<EventType>/<messageId>} with the
 * configured token as the {@code Authorization} header; the activation GET is answered 200 once it carries
 * the token. Nothing to fetch.
 */
public final class CventConnectorFactory implements SourceConnectorFactory {

    public static final Option TOKEN = Option.of("hub.sources.cvent.token", "",
            "the `Authorization` value set on the Cvent webhook (at most 150 characters); unset disables the source");
    public static final Option VENUE = Option.of("hub.sources.cvent.venue", "",
            "hub venue of this Cvent account's events; unset: the venue id is the Cvent event code");

    @Override
    public String source() {
        return "cvent";
    }

    @Override
    public List<Option> options() {
        return List.of(TOKEN, VENUE);
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        String token = config.apply(TOKEN);
        if (SourceConnectorFactory.disabled(token)) {
            return null;
        }
        if (token.length() > 150) {
            throw new IllegalArgumentException("hub.sources.cvent.token: Cvent allows at most 150 characters");
        }
        return WebhookSource.of("cvent", new HeaderSecretAuthenticator("Authorization", token), config.apply(VENUE));
    }
}
