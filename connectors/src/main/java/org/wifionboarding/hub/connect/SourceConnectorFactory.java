package org.wifionboarding.hub.connect;

import java.util.List;
import java.util.function.Function;

/**
 * Builds a source's connector from configuration; found with {@link java.util.ServiceLoader}, so the
 * shared routes never name a vendor. A source whose secret is not configured is disabled.
 */
public interface SourceConnectorFactory {

    String source();

    /** The {@code hub.sources.<source>.*} options, for the docs and the configuration table. */
    List<Option> options();

    /**
     * @param config reads an option's value (its default when unset)
     * @return the connector, or null when the source is disabled
     */
    SourceConnector create(Function<Option, String> config);

    /** Whether a source's secret is unset (blank): a source without its secret is disabled. */
    static boolean disabled(String secret) {
        return secret == null || secret.isBlank();
    }
}
