package org.wifionboarding.hub.config;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.mapping.BookingSourceMapper;

/**
 * The enabled booking sources: each pairs a mapper (transforms) with a connector (connectors), both
 * found with {@link ServiceLoader}. Adding a source adds entries here without changing this class.
 */
public final class SourceRegistry {

    /** One enabled source. */
    public record Source(String name, BookingSourceMapper mapper, SourceConnector connector) {
    }

    private final Map<String, Source> enabled = new HashMap<>();

    public SourceRegistry(Function<Option, String> config) {
        Map<String, BookingSourceMapper> mappers = new HashMap<>();
        ServiceLoader.load(BookingSourceMapper.class).forEach(m -> mappers.put(m.source(), m));
        for (SourceConnectorFactory factory : ServiceLoader.load(SourceConnectorFactory.class)) {
            BookingSourceMapper mapper = mappers.get(factory.source());
            SourceConnector connector = factory.create(config);
            if (mapper != null && connector != null) {
                enabled.put(factory.source(), new Source(factory.source(), mapper, connector));
            }
        }
    }

    /** The source by name when it exists and its secret is configured, else null (answered 404). */
    public Source enabled(String name) {
        return name == null ? null : enabled.get(name);
    }

    public java.util.Set<String> names() {
        return java.util.Set.copyOf(enabled.keySet());
    }
}
