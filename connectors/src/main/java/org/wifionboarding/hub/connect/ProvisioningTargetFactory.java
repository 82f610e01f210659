package org.wifionboarding.hub.connect;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Builds provisioning targets of one type from {@code hub.targets.<name>.*}; found with
 * {@link java.util.ServiceLoader}, so the shared routes never name a vendor.
 */
public interface ProvisioningTargetFactory {

    Option TYPE = Option.of("hub.targets.<target>.type", "the target's name",
            "kind of target: `radius-sql`, `meraki`, `unifi`, `clearpass`, `ruckus-one`, `http`; venues name a target with `hub.venues.<venue>.target`");
    Option TIMEOUT = Option.of("hub.targets.<target>.timeout", "PT10S", "timeout of one call to the controller (HTTP targets)");

    /** The type, as written in {@code hub.targets.<name>.type} (a target named like its type needs no {@code type}). */
    String type();

    /** The options, with {@code <target>} standing for the instance's name, for the docs and the configuration table. */
    List<Option> options();

    /**
     * @param name the instance's name
     * @param config reads an option (its {@code <target>} replaced by the name) or its default
     * @param resources what the hub shares with targets
     */
    ProvisioningTarget create(String name, Function<Option, String> config, Resources resources);

    /**
     * What is missing from one instance's configuration for the credential kinds its venues use, each naming the key
     * and the vendor's rule behind it (docs/provisioning-targets.md); the hub refuses to start on any.
     */
    default List<String> problems(String name, Function<Option, String> config, java.util.Set<CredentialKind> kinds) {
        return List.of();
    }

    /** "{@code hub.targets.<name>.<option>} is not set: why", when it is not. */
    static java.util.Optional<String> required(Option option, String name, Function<Option, String> config, String why) {
        return config.apply(option).isBlank() ? java.util.Optional.of(key(option, name) + " is not set: " + why) : java.util.Optional.empty();
    }

    /** The hub's database (RADIUS tables, the shared rate-limit buckets and locks) and clock. */
    record Resources(DataSource dataSource, Clock clock) {
    }

    /** The option's key for one instance. */
    static String key(Option option, String name) {
        return option.key().replace("<target>", name);
    }
}
