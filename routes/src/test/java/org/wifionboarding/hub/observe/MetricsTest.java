package org.wifionboarding.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.deliver.ScriptedSmtpServer;

/**
 * {@code /observe/metrics} carries the signals an operator alerts on (queue and dead-letter depth from the broker,
 * webhooks per source and outcome, provisioning per target with a latency histogram, delivery per channel with the lag
 * from the scheduled time), no personal data in any label, and passes {@code promtool check metrics} (snake_case
 * labels, a help text on every metric).
 */
class MetricsTest {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @TempDir
    static Path dataDir;
    static RunningHub hub;
    static ScriptedSmtpServer smtp;
    static String metrics;

    @BeforeAll
    static void start() throws Exception {
        smtp = new ScriptedSmtpServer();
        hub = RunningHub.start(dataDir, Map.of("hub.venues.hotel-paris.timezone", "Europe/Paris", "hub.venues.hotel-paris.delivery-lead", "P400D",
                "hub.smtp.host", "127.0.0.1", "hub.smtp.port", String.valueOf(smtp.port()), "hub.metrics.queue-interval-ms", "500"));
        String arrival = LocalDate.now().plusDays(30).toString();
        String departure = LocalDate.now().plusDays(32).toString();
        String event = generic("mt-1", "confirmed", "2026-11-01T10:00:00Z", "hotel-paris", "B-MT-1", arrival, departure);
        assertThat(hub.postGeneric(event).statusCode()).isEqualTo(202);
        assertThat(hub.postGeneric(event).statusCode()).isEqualTo(200);
        assertThat(hub.postGeneric(event.replace("\"departure\"", "\"depart\"")).statusCode()).isEqualTo(400);
        // a guest with a phone only, at a venue that sends email only: flagged for the front desk
        assertThat(hub.postGeneric(generic("mt-2", "confirmed", "2026-11-01T10:00:00Z", "hotel-paris", "B-MT-2", arrival, departure)
                .replace("\"email\": \"" + GuestEvents.EMAIL + "\", ", "")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.deliveredTo(GuestEvents.EMAIL) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            metrics = hub.management("/observe/metrics").body();
            return metrics.contains("hub_delivery_lag_seconds_bucket") && value("hub_queue_messages", "queue=\"hub.inbound\"") != null
                    && value("hub_queue_scheduled", "queue=\"hub.inbound\"") != null
                    && metrics.contains("hub_delivery_front_desk_total");
        });
    }

    @AfterAll
    static void stop() throws IOException {
        hub.close();
        smtp.close();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}, or null. */
    static Double value(String name, String label) {
        for (String line : metrics.lines().toList()) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                String number = line.substring(line.lastIndexOf(' ') + 1);
                return number.equals("NaN") ? null : Double.valueOf(number);
            }
        }
        return null;
    }

    @Test
    void the_signals_an_operator_alerts_on_are_there() {
        assertThat(value("hub_queue_messages", "queue=\"hub.inbound\"")).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(value("hub_dead_letters", "queue=\"hub.delivery.email\"")).as("a dead-letter queue that exists or not reads a number or NaN")
                .satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).isGreaterThanOrEqualTo(0));
        for (String queue : org.wifionboarding.hub.broker.HubQueues.consumed()) {
            assertThat(metrics).as("a gauge per queue and per dead-letter queue").contains("hub_queue_messages{queue=\"" + queue + "\"} ")
                    .contains("hub_dead_letters{queue=\"" + queue + "\"} ").contains("hub_queue_scheduled{queue=\"" + queue + "\"} ");
            // a scrape during the first reading may find a queue not read yet (NaN): compare those read
            Double messages = value("hub_queue_messages", "queue=\"" + queue + "\"");
            Double held = value("hub_queue_scheduled", "queue=\"" + queue + "\"");
            if (messages != null && held != null) {
                assertThat(held).as("held for later: part of the queue's messages").isLessThanOrEqualTo(messages);
            }
        }
        assertThat(value("hub_queue_scheduled", "queue=\"hub.inbound\"")).isNotNull().isLessThanOrEqualTo(value("hub_queue_messages", "queue=\"hub.inbound\""));
        assertThat(value("hub_webhooks_total", "outcome=\"accepted\",source=\"generic\"")).isEqualTo(2.0);
        assertThat(value("hub_webhooks_total", "outcome=\"duplicate\",source=\"generic\"")).isEqualTo(1.0);
        assertThat(value("hub_webhooks_total", "outcome=\"refused\",source=\"generic\"")).isEqualTo(1.0);
        assertThat(value("hub_provisioning_seconds_count", "outcome=\"ok\",target=\"radius-sql\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics).contains("hub_provisioning_seconds_bucket{outcome=\"ok\",target=\"radius-sql\",le=");
        assertThat(value("hub_delivery_total", "channel=\"email\",outcome=\"sent\"")).isEqualTo(1.0);
        assertThat(metrics).contains("hub_delivery_lag_seconds_bucket{channel=\"email\",le=");
        // the embedded H2's durability fence: checkpoints made, each making at least one waiting commit durable
        assertThat(metrics.lines().filter(l -> l.startsWith("hub_db_checkpoint_seconds_count ")).map(l -> Double.valueOf(l.substring(l.lastIndexOf(' ') + 1))))
                .singleElement().satisfies(n -> assertThat(n).isPositive());
        assertThat(metrics.lines().filter(l -> l.startsWith("hub_db_checkpoint_fences_sum ")).map(l -> Double.valueOf(l.substring(l.lastIndexOf(' ') + 1))))
                .singleElement().satisfies(n -> assertThat(n).isPositive());
    }

    @Test
    void every_label_is_snake_case_and_none_carries_guest_data() {
        Matcher labels = Pattern.compile("[{,]([A-Za-z_][A-Za-z0-9_]*)=\"").matcher(metrics);
        List<String> camel = labels.results().map(m -> m.group(1)).filter(name -> !name.equals(name.toLowerCase())).distinct().toList();
        assertThat(camel).isEmpty();
        assertThat(metrics).contains("route_id=\"lifecycle\"").doesNotContain("routeId=");
        assertThat(metrics).doesNotContain(GuestEvents.EMAIL).doesNotContain("B-MT-1").doesNotContain(GuestEvents.PHONE);
    }

    @Test
    void every_step_has_a_readable_id_for_jmx_hawtio_and_the_route_metrics() {
        List<String> generated = new java.util.ArrayList<>();
        for (org.apache.camel.model.RouteDefinition route : ((org.apache.camel.model.ModelCamelContext) hub.context()).getRouteDefinitions()) {
            collect(route.getRouteId(), route.getOutputs(), generated);
        }
        assertThat(generated).isEmpty();
    }

    private static void collect(String route, List<org.apache.camel.model.ProcessorDefinition<?>> steps, List<String> generated) {
        for (org.apache.camel.model.ProcessorDefinition<?> step : steps) {
            Object kind = step;
            boolean structural = kind instanceof org.apache.camel.model.WhenDefinition || kind instanceof org.apache.camel.model.OtherwiseDefinition
                    || kind instanceof org.apache.camel.model.OnExceptionDefinition || kind instanceof org.apache.camel.model.OnCompletionDefinition;
            if (!structural && !step.hasCustomIdAssigned()) {
                generated.add(route + ": " + step.getShortName() + " " + step.getLabel());
            }
            collect(route, step.getOutputs(), generated);
        }
    }

    @Test
    void promtool_finds_nothing_to_lint() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool (Debian's prometheus package; .ci/run installs it)");
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(report).isZero();
        assertThat(report).isBlank();
    }

    @Test
    void the_alert_rules_are_valid_and_fire_when_their_unit_tests_say() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool (Debian's prometheus package; .ci/run installs it)");
        Path rules = Path.of("..", "ops", "prometheus").toAbsolutePath().normalize();
        for (List<String> command : List.of(List.of(PROMTOOL.toString(), "check", "rules", "alerts.yml"),
                List.of(PROMTOOL.toString(), "test", "rules", "alerts.test.yml"))) {
            Process promtool = new ProcessBuilder(command).directory(rules.toFile()).redirectErrorStream(true).start();
            String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor()).as(command + "\n" + report).isZero();
        }
        // every metric an alert reads is one the hub publishes
        String alerts = Files.readString(rules.resolve("alerts.yml"));
        for (String metric : List.of("hub_dead_letters", "hub_queue_messages", "hub_webhooks_total", "hub_delivery_total",
                "hub_provisioning_seconds_count", "hub_delivery_front_desk_total", "hub_webhook_invalid_total")) {
            assertThat(alerts).contains(metric);
            assertThat(metrics.lines().anyMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))).as(metric).isTrue();
        }
    }
}
