package org.wifionboarding.hub.connect;

import java.util.List;
import java.util.function.Function;

/** Builds the generic source's connector; enabled by {@code hub.sources.generic.token}. */
public final class GenericConnectorFactory implements SourceConnectorFactory {

    @Override
    public String source() {
        return "generic";
    }

    @Override
    public List<Option> options() {
        return GenericConnector.OPTIONS;
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        String token = config.apply(GenericConnector.TOKEN);
        return SourceConnectorFactory.disabled(token) ? null : new GenericConnector(token);
    }
}
