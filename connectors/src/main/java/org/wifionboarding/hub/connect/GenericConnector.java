package org.wifionboarding.hub.connect;

import java.util.List;
import org.wifionboarding.hub.connect.auth.BearerTokenAuthenticator;

/** The generic source (and Zapier, Make): fat events, authenticated by {@code Authorization: Bearer}. */
public final class GenericConnector extends WebhookSource {

    public static final Option TOKEN = Option.of("hub.sources.generic.token", "",
            "bearer token of `POST /webhooks/generic`; unset disables the source");
    public static final List<Option> OPTIONS = List.of(TOKEN);

    public GenericConnector(String token) {
        super("generic", new BearerTokenAuthenticator(token), null);
    }
}
