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
        Matcher pattern = Pattern.compile("<Property name=\"pattern\">([^<]+)</Property>").matcher(xml);
        assertThat(pattern.find()).isTrue();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(new DefaultConfiguration())
                .withPattern(pattern.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")).build();
        String line = layout.toSerializable(Log4jLogEvent.newBuilder().setLoggerName("WebhookIntake").setLevel(Level.WARN)
                .setMessage(new ParameterizedMessage("webhook refused: booking {}", "BK-1\r\n2026-11-30T08:00:00Z INFO  [main] Forged - all good\u001b[31m"))
                .build());
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b");
        assertThat(line).contains("BK-1\\r\\n2026-11-30T08:00:00Z INFO").endsWith(System.lineSeparator());
    }

    @Test
    void lines_also_go_to_a_file_only_the_hubs_user_reads_rolled_daily_and_deleted_after_fourteen_days() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hub-logs");
        System.setProperty("hub.log.dir", dir.toString());
        org.apache.logging.log4j.core.LoggerContext context = org.apache.logging.log4j.core.config.Configurator.initialize("log-file-test",
                getClass().getClassLoader(), getClass().getResource("/log4j2.xml").toURI());
        try {
            context.getLogger("WebhookIntake").warn("webhook refused: booking {}", "BK-2");
            org.apache.logging.log4j.core.appender.RollingFileAppender file = context.getConfiguration().getAppender("file");
            assertThat(file.getFileName()).isEqualTo(dir.resolve("hub.log").toString());
            assertThat(file.getManager().getRolloverStrategy()).isInstanceOf(org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy.class);
            var delete = (org.apache.logging.log4j.core.appender.rolling.action.DeleteAction)
                    ((org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy) file.getManager().getRolloverStrategy()).getCustomActions().get(0);
            assertThat(delete.getPathConditions()).extracting(Object::toString).contains("IfLastModified(age=PT336H)");   // 14 days
            file.getManager().flush();
            assertThat(java.nio.file.Files.readString(dir.resolve("hub.log"))).contains("webhook refused: booking BK-2");
            assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("hub.log")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } finally {
            context.stop();
            System.clearProperty("hub.log.dir");
        }
    }
}
