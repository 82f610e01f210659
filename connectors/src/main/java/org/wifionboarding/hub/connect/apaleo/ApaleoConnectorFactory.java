package org.wifionboarding.hub.connect.apaleo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** Builds the Apaleo connector; enabled by {@code hub.sources.apaleo.username} and {@code .password}. */
public final class ApaleoConnectorFactory implements SourceConnectorFactory {

    public static final Option USERNAME = Option.of("hub.sources.apaleo.username", "", "Basic auth user set on the Apaleo subscription; unset disables the source");
    public static final Option PASSWORD = Option.of("hub.sources.apaleo.password", "", "Basic auth password set on the Apaleo subscription");
    public static final Option API_URL = Option.of("hub.sources.apaleo.api-url", "https://api.apaleo.com", "Apaleo API (tests point it at a stub)");
    public static final Option IDENTITY_URL = Option.of("hub.sources.apaleo.identity-url", "https://identity.apaleo.com", "Apaleo identity server (OAuth2)");
    public static final Option CLIENT_ID = Option.of("hub.sources.apaleo.client-id", "", "OAuth2 client (client credentials) for the booking API");
    public static final Option CLIENT_SECRET = Option.of("hub.sources.apaleo.client-secret", "", "OAuth2 client secret");
    public static final Option VENUE = Option.of("hub.sources.apaleo.venue", "", "hub venue of these bookings; unset: the Apaleo property id");
    public static final Option TIMEOUT = Option.of("hub.sources.apaleo.timeout", "PT10S", "timeout of one Apaleo call");

    @Override
    public String source() {
        return "apaleo";
    }

    @Override
    public List<Option> options() {
        return List.of(USERNAME, PASSWORD, API_URL, IDENTITY_URL, CLIENT_ID, CLIENT_SECRET, VENUE, TIMEOUT);
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        if (SourceConnectorFactory.disabled(config.apply(USERNAME)) || SourceConnectorFactory.disabled(config.apply(PASSWORD))) {
            return null;
        }
        return new ApaleoConnector(new ApaleoConnector.Settings(config.apply(USERNAME), config.apply(PASSWORD), config.apply(API_URL),
                config.apply(IDENTITY_URL), config.apply(CLIENT_ID), config.apply(CLIENT_SECRET), config.apply(VENUE)),
                new VendorHttp("Apaleo", SourceUnavailableException::new, Duration.parse(config.apply(TIMEOUT)), false, null, Clock.systemUTC()),
                Clock.systemUTC());
    }
}
