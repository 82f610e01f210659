package org.wifionboarding.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.Option;

/** The README's configuration table and application.properties list exactly the options the code declares. */
class ConfigurationTableTest {

    @Test
    void the_readme_holds_the_configuration_table_made_from_the_option_declarations() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).as("README table; regenerate it from HubOptions.markdownTable()").contains(HubOptions.markdownTable());
    }

    @Test
    void application_properties_names_every_concrete_option_so_environment_variables_can_override_it() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        for (Option option : HubOptions.all()) {
            if (!option.key().contains("<")) {
                assertThat(properties).as(option.key()).containsKey(option.key());
            }
        }
    }
}
