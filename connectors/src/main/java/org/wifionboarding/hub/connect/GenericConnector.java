package org.wifionboarding.hub.connect;

import java.util.List;
import org.wifionboarding.hub.connect.auth.BearerTokenAuthenticator;
import org.wifionboarding.hub.connect.auth.WebhookAuthenticator;

/** The generic source (and Zapier, Make): fat events, authenticated by {@code Authorization: Bearer}. */
public record GenericConnector(String token) implements SourceConnector {

    public static final Option TOKEN = Option.of("hub.sources.generic.token", "",
            "bearer token of `POST /webhooks/generic`; unset disables the source");
    public static final List<Option> OPTIONS = List.of(TOKEN);

    @Override
    public String source() {
        return "generic";
    }

    @Override
    public WebhookAuthenticator authenticator() {
        return new BearerTokenAuthenticator(token);
    }
}
