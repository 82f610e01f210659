package org.wifionboarding.hub.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;

/**
 * The provisioning targets: {@code radius-sql} always, and every target named by a venue
 * ({@code hub.venues.<venue>.target}) or configured with {@code hub.targets.<name>.*}, each built by
 * the factory of its {@code type} (found with {@link ServiceLoader}). A venue whose target is missing
 * or cannot hold its credential kind stops the start with a clear message.
 */
public final class TargetRegistry {

    public static final String RADIUS_SQL = "radius-sql";
    private static final Pattern KEY = Pattern.compile("hub\\.targets\\.([^.]+)\\..+");

    private final Map<String, ProvisioningTarget> targets;

    private TargetRegistry(Map<String, ProvisioningTarget> targets) {
        this.targets = targets;
    }

    public static TargetRegistry from(HubSettings settings, VenueDirectory venues, ProvisioningTargetFactory.Resources resources) {
        Set<String> names = new TreeSet<>(Set.of(RADIUS_SQL));
        venues.all().forEach(v -> names.add(v.target()));
        settings.matching(k -> k.startsWith("hub.targets.")).keySet().forEach(key -> {
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                names.add(m.group(1));
            }
        });
        Map<String, ProvisioningTargetFactory> factories = new HashMap<>();
        ServiceLoader.load(ProvisioningTargetFactory.class).forEach(f -> factories.put(f.type(), f));
        Map<String, ProvisioningTarget> targets = new HashMap<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String name : names) {
            String type = settings.get(Option.of(ProvisioningTargetFactory.key(ProvisioningTargetFactory.TYPE, name), name, ""));
            ProvisioningTargetFactory factory = factories.get(type);
            if (factory == null) {
                throw new IllegalArgumentException("target '" + name + "' has unknown type '" + type + "' (one of " + new TreeSet<>(factories.keySet())
                        + "); set hub.targets." + name + ".type");
            }
            java.util.function.Function<Option, String> config = option -> settings.get(Option.of(ProvisioningTargetFactory.key(option, name),
                    option.defaultValue(), ""));
            Set<org.wifionboarding.hub.connect.CredentialKind> kinds = new java.util.HashSet<>();
            venues.all().stream().filter(v -> v.target().equals(name)).forEach(v -> kinds.add(v.credential()));
            List<String> found = factory.problems(name, config, kinds);
            if (!found.isEmpty()) {
                problems.addAll(found);
                continue;
            }
            targets.put(name, factory.create(name, config, resources));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("provisioning targets are misconfigured, refusing to start: " + String.join("; ", problems));
        }
        for (Venue venue : venues.all()) {
            ProvisioningTarget target = targets.get(venue.target());
            if (!target.kinds().contains(venue.credential())) {
                throw new IllegalArgumentException("venue '" + venue.id() + "': target '" + venue.target() + "' cannot hold "
                        + venue.credential().configName() + " credentials");
            }
        }
        return new TargetRegistry(Map.copyOf(targets));
    }

    /** The target by name; a booking keeps the name of the target its credential was made on. */
    public ProvisioningTarget target(String name) {
        ProvisioningTarget target = targets.get(name);
        if (target == null) {
            throw new IllegalStateException("target '" + name + "' is no longer configured");
        }
        return target;
    }

    public Set<String> names() {
        return Set.copyOf(targets.keySet());
    }
}
