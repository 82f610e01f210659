package org.wifionboarding.hub.connect.mews;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;

/** Builds the Mews connector; enabled by {@code hub.sources.mews.token}. */
public final class MewsConnectorFactory implements SourceConnectorFactory {

    @Override
    public String source() {
        return "mews";
    }

    @Override
    public List<Option> options() {
        return MewsConnector.OPTIONS;
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        String token = config.apply(MewsConnector.TOKEN);
        if (SourceConnectorFactory.disabled(token)) {
            return null;
        }
        return new MewsConnector(new MewsConnector.Settings(token, config.apply(MewsConnector.API_URL),
                config.apply(MewsConnector.CLIENT_TOKEN), config.apply(MewsConnector.ACCESS_TOKEN),
                config.apply(MewsConnector.CLIENT_NAME), config.apply(MewsConnector.VENUE),
                Duration.parse(config.apply(MewsConnector.TIMEOUT))));
    }
}
