package org.wifionboarding.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.Option;

/** The README's configuration table lists exactly the options the code declares, and each declared default is what the hub reads. */
class ConfigurationTableTest {

    @Test
    void the_readme_holds_the_configuration_table_made_from_the_option_declarations() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).as("README table; regenerate it from HubOptions.markdownTable()").contains(HubOptions.markdownTable());
    }

    @Test
    void every_declared_default_resolves_in_a_context_without_any_properties_file_and_a_host_value_still_wins() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("hub.consumers", "7");   // set by the host before the hub is added
            context.getPropertiesComponent().setOverrideProperties(asProperties("hub.smtp.port", "2525"));
            HubDefaults.install(context);
            for (Option option : HubOptions.all()) {
                if (!option.key().contains("<")) {
                    assertThat(context.getPropertiesComponent().resolveProperty(option.key())).as(option.key()).isPresent();
                }
            }
            assertThat(context.resolvePropertyPlaceholders("{{hub.polling.cron}}")).isEqualTo(HubOptions.POLL_CRON.defaultValue());
            assertThat(context.resolvePropertyPlaceholders("{{hub.consumers}}")).isEqualTo("7");
            assertThat(context.resolvePropertyPlaceholders("{{hub.smtp.port}}")).isEqualTo("2525");
        }
    }

    @Test
    void a_value_not_of_its_options_kind_stops_the_start_naming_the_key() throws Exception {
        for (String[] bad : new String[][] {{"hub.consumers", "four"}, {"hub.delivery.resend-interval", "5 minutes"},
                {"hub.venues.berlin.timezone", "Mars/Olympus"}, {"hub.smtp.starttls", "yes"}, {"hub.privacy.retention", "30 days"},
                {"hub.targets.meraki.requests-per-second", "-1"}, {"hub.sources.mews.api-url", "api.mews.com"}}) {
            try (DefaultCamelContext context = new DefaultCamelContext()) {
                context.getPropertiesComponent().setOverrideProperties(asProperties(bad[0], bad[1]));
                assertThatThrownBy(() -> HubDefaults.install(context)).as(bad[0]).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(bad[0] + "=");
            }
        }
    }

    @Test
    void values_of_their_kinds_start() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties good = asProperties("hub.venues.berlin.timezone", "Europe/Berlin");
            good.setProperty("hub.privacy.retention", "P1Y");
            good.setProperty("hub.broker.url", "(tcp://a:61616,tcp://b:61616)?ha=true");
            good.setProperty("hub.db.url", "jdbc:postgresql://127.0.0.1:5432/test");
            good.setProperty("hub.venues.berlin.check-in-time", "14:30");
            context.getPropertiesComponent().setOverrideProperties(good);
            HubDefaults.install(context);
        }
    }

    @Test
    void every_option_declares_a_default_of_its_own_kind() {
        for (Option option : HubOptions.all()) {
            if (!option.key().contains("<")) {
                assertThat(option.problem(option.defaultValue())).as(option.key()).isNull();
            }
        }
    }

    private static Properties asProperties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
