package org.wifionboarding.hub.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@link HubOptions#markdownTable()} into the README in place of its configuration table ({@code ConfigurationTableTest} checks it). */
public final class RegenerateReadme {

    private RegenerateReadme() {
    }

    public static void main(String[] args) throws Exception {
        Path readme = Path.of(args.length > 0 ? args[0] : "../README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("| key |");
        int end = text.indexOf("\n\n", start);
        Files.writeString(readme, text.substring(0, start) + HubOptions.markdownTable().stripTrailing() + text.substring(end));
    }
}
