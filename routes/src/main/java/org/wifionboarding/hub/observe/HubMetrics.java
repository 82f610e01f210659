package org.wifionboarding.hub.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standalone hub's Prometheus registry ({@code /observe/metrics}), bound as {@code metricsRegistry} before Camel
 * makes its own, so every meter (Camel's and the hub's) is held to Prometheus' conventions: label names in snake_case
 * ({@code routeId} becomes {@code route_id}), a help text on every metric, and histograms with buckets for the latencies
 * an operator alerts on. A host application that embeds the hub keeps its own registry and conventions.
 */
public final class HubMetrics {

    /** The name Camel looks a registry up by ({@code MicrometerConstants.METRICS_REGISTRY_NAME}). */
    public static final String REGISTRY_NAME = "metricsRegistry";

    /** Help texts of the hub's own meters (Camel's have their own, or one derived from the name). */
    static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("hub.webhooks", "Webhooks answered, by source and outcome (accepted, duplicate, refused)"),
            Map.entry("hub.queue.messages", "Messages waiting in each of the hub's queues, as the broker counts them"),
            Map.entry("hub.queue.scheduled", "Messages of each hub queue held for a later time (deliveries, activations): the backlog of work is the difference"),
            Map.entry("hub.dead.letters", "Messages in each queue's dead-letter queue, as the broker counts them"),
            Map.entry("hub.provisioning", "Provisioning reconciliations by target and outcome (ok, retry, refused), with their duration"),
            Map.entry("hub.delivery", "Credential messages by channel and outcome (sent, failed)"),
            Map.entry("hub.delivery.lag", "How long after its scheduled time a credential message was sent, by channel"),
            Map.entry("hub.delivery.front-desk", "Bookings flagged for front-desk follow-up"),
            Map.entry("hub.provisioning.failed", "Provisioning given up (refused by the target, or attempts exhausted)"),
            Map.entry("hub.webhook.entries.ignored", "Entries of a source's webhook the hub does not act on"),
            Map.entry("hub.webhook.invalid", "Webhooks refused as invalid, by source"),
            Map.entry("hub.reconciliation.missed", "Bookings the reconciliation found that no webhook had delivered, by source"),
            Map.entry("hub.venue.unconfigured", "Events naming a venue that is not configured"),
            Map.entry("hub.stalled.resumed", "Stalled bookings the stall watch sent on again"),
            Map.entry("hub.db.checkpoint", "Checkpoints of the embedded H2 that made waiting commits durable, with their duration"),
            Map.entry("hub.db.checkpoint.fences", "Commits each embedded-H2 checkpoint made durable at once (the group commit's size)"));

    /** Meters whose latency distribution is published as a histogram with buckets. */
    private static final List<String> HISTOGRAMS = List.of("hub.provisioning", "hub.delivery.lag");

    private HubMetrics() {
    }

    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // two of Micrometer's processor meters break Prometheus' naming rules (promtool: a unit abbreviated in
        // process_cpu_time_ns_total, a gauge ending in _count in system_cpu_count); process_cpu_usage and
        // system_cpu_usage say what an operator needs
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                List<Tag> tags = new ArrayList<>();
                id.getTags().forEach(tag -> tags.add(Tag.of(snakeCase(tag.getKey()), tag.getValue())));
                String help = id.getDescription() != null && !id.getDescription().isBlank() ? id.getDescription()
                        : HELP.getOrDefault(id.getName(), describe(id.getName()));
                return new Meter.Id(id.getName(), Tags.of(tags), id.getBaseUnit(), help, id.getType());
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HISTOGRAMS.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(5).toNanos())
                        .maximumExpectedValue((double) Duration.ofHours(1).toNanos()).build().merge(config);
            }
        });
        return registry;
    }

    /** {@code routeId} → {@code route_id}; {@code camelContext} → {@code camel_context}; snake_case stays as it is. */
    static String snakeCase(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c == '-' || c == '.' ? '_' : c);
            }
        }
        return out.toString();
    }

    private static String describe(String name) {
        return (name.startsWith("camel.") ? "Camel: " : "") + name.replace('.', ' ');
    }
}
