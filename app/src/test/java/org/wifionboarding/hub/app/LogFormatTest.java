package org.wifionboarding.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;

/** The application's own log pattern (log4j2.xml): a value from outside cannot forge a log line or drive a terminal. */
class LogFormatTest {

    @Test
    void an_id_with_line_breaks_and_control_characters_stays_on_its_line() throws Exception {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/log4j2.xml")) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Matcher pattern = Pattern.compile("<PatternLayout pattern=\"([^\"]+)\"").matcher(xml);
        assertThat(pattern.find()).isTrue();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(new DefaultConfiguration())
                .withPattern(pattern.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")).build();
        String line = layout.toSerializable(Log4jLogEvent.newBuilder().setLoggerName("WebhookIntake").setLevel(Level.WARN)
                .setMessage(new ParameterizedMessage("webhook refused: booking {}", "BK-1\r\n2026-11-30T08:00:00Z INFO  [main] Forged - all good\u001b[31m"))
                .build());
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b");
        assertThat(line).contains("BK-1\\r\\n2026-11-30T08:00:00Z INFO").endsWith(System.lineSeparator());
    }
}
