package org.wifionboarding.hub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.wifionboarding.hub.connect.Option;

/**
 * The hub's defaults, from its option declarations, installed in the context's properties component at the lowest
 * precedence: every {@code {{hub.*}}} placeholder resolves whatever properties file the host application has (or has
 * not), and the host's files, system properties and environment variables still override each one. Then every value
 * set is checked against its declaration's kind; one that does not fit stops the start, naming the key.
 */
public final class HubDefaults {

    private HubDefaults() {
    }

    /** The declared defaults of every concrete option, for a camel-main's initial (lowest-precedence) properties. */
    public static java.util.Properties asProperties() {
        java.util.Properties defaults = new java.util.Properties();
        HubOptions.all().stream().filter(option -> !option.key().contains("<")).forEach(option -> defaults.setProperty(option.key(), option.defaultValue()));
        return defaults;
    }

    public static void install(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        for (Option option : HubOptions.all()) {
            if (!option.key().contains("<") && properties.resolveProperty(option.key()).isEmpty()) {
                properties.addInitialProperty(option.key(), option.defaultValue());
            }
        }
        List<String> problems = problems(new HubSettings(context));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration, refusing to start: " + String.join("; ", problems));
        }
    }

    /** Each option set to a value its declaration does not accept: {@code key=value: why} (secrets not echoed). */
    static List<String> problems(HubSettings settings) {
        List<String> problems = new ArrayList<>();
        Map<Pattern, Option> families = new java.util.LinkedHashMap<>();
        for (Option option : HubOptions.all()) {
            if (option.key().contains("<")) {
                families.put(Pattern.compile(Pattern.quote(option.key()).replaceAll("<[a-z]+>", "\\\\E[^.]+\\\\Q")), option);
            } else {
                check(option, option.key(), settings.get(option), problems);
            }
        }
        Map<String, String> familyValues = new TreeMap<>(settings.matching(key -> families.keySet().stream().anyMatch(p -> p.matcher(key).matches())));
        familyValues.forEach((key, value) -> families.entrySet().stream().filter(family -> family.getKey().matcher(key).matches()).findFirst()
                .ifPresent(family -> check(family.getValue(), key, value, problems)));
        return problems;
    }

    private static void check(Option option, String key, String value, List<String> problems) {
        String problem = option.problem(value);
        if (problem != null) {
            problems.add(key + "=" + (option.kind() == Option.Kind.TEXT ? "…" : value.trim()) + ": " + problem + " (" + option.kind().label() + ")");
        }
    }
}
