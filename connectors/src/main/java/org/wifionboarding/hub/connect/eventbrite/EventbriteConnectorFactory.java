package org.wifionboarding.hub.connect.eventbrite;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** Builds the Eventbrite connector; enabled by {@code hub.sources.eventbrite.token}. */
public final class EventbriteConnectorFactory implements SourceConnectorFactory {

    public static final Option TOKEN = Option.of("hub.sources.eventbrite.token", "",
            "secret in the webhook URL registered with Eventbrite (`/webhooks/eventbrite?token=...`); unset disables the source");
    public static final Option API_URL = Option.of("hub.sources.eventbrite.api-url", "https://www.eventbriteapi.com",
            "the Eventbrite API; a webhook's `api_url` must be on it (tests point it at a stub)");
    public static final Option PRIVATE_TOKEN = Option.of("hub.sources.eventbrite.private-token", "", "the organisation's private OAuth token for the API");
    public static final Option VENUE = Option.of("hub.sources.eventbrite.venue", "",
            "hub venue of this organisation's events; unset: the Eventbrite venue id");
    public static final Option TIMEOUT = Option.of("hub.sources.eventbrite.timeout", "PT10S", "timeout of one Eventbrite API call");

    @Override
    public String source() {
        return "eventbrite";
    }

    @Override
    public List<Option> options() {
        return List.of(TOKEN, API_URL, PRIVATE_TOKEN, VENUE, TIMEOUT);
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        String token = config.apply(TOKEN);
        if (SourceConnectorFactory.disabled(token)) {
            return null;
        }
        return new EventbriteConnector(new EventbriteConnector.Settings(token, config.apply(API_URL), config.apply(PRIVATE_TOKEN),
                config.apply(VENUE)), new VendorHttp("Eventbrite", SourceUnavailableException::new, Duration.parse(config.apply(TIMEOUT)),
                false, null, Clock.systemUTC()));
    }
}
