package org.wifionboarding.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each source for a change of shape: webhooks refused by its schema or mapping, and entries its
 * mapper does not know (unknown discriminators), per minute over a sliding window. Counts go to metrics
 * ({@code hub_webhook_invalid_total{source}}, with {@code hub_webhook_entries_ignored_total{source}} from
 * normalise); refused bodies are already review items. When the share of refusals (or of ignored entries)
 * crosses the threshold, a WARN names the source and the counts (never a payload), and the
 * {@code schema-drift} health check reports it in its details until the share falls back.
 */
public final class SchemaDrift extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaDrift.class);
    static final int MIN_FAILURES = 5;

    private final Duration window;
    private final double threshold;
    private final Clock clock;
    private final Supplier<MeterRegistry> meters;
    private final Map<String, Deque<long[]>> minutes = new ConcurrentHashMap<>();   // [minute, accepted, invalid, entries, ignored]
    private final Map<String, Boolean> drifting = new ConcurrentHashMap<>();
    private final Map<String, Counter> invalidCounters = new ConcurrentHashMap<>();

    public SchemaDrift(Duration window, double threshold, Clock clock, Supplier<MeterRegistry> meters) {
        super("hub", "schema-drift");
        this.window = window;
        this.threshold = threshold;
        this.clock = clock;
        this.meters = meters;
    }

    public void accepted(String source) {
        add(source, 1, 0, 0, 0);
    }

    public void invalid(String source) {
        add(source, 0, 1, 0, 0);
        MeterRegistry registry = meters.get();
        if (registry != null) {
            invalidCounters.computeIfAbsent(source, s -> Counter.builder("hub.webhook.invalid").tag("source", s)
                    .description("webhooks refused by the source's schema or mapping").register(registry)).increment();
        }
    }

    /** Entries of one normalised webhook, and how many of them the mapper did not know. */
    public void entries(String source, int entries, int ignored) {
        add(source, 0, 0, entries, ignored);
    }

    private void add(String source, long accepted, long invalid, long entries, long ignored) {
        if (source == null) {
            return;
        }
        long minute = clock.millis() / 60_000;
        Deque<long[]> buckets = minutes.computeIfAbsent(source, s -> new ArrayDeque<>());
        Totals totals;
        synchronized (buckets) {
            long[] last = buckets.peekLast();
            if (last == null || last[0] != minute) {
                last = new long[] {minute, 0, 0, 0, 0};
                buckets.addLast(last);
            }
            last[1] += accepted;
            last[2] += invalid;
            last[3] += entries;
            last[4] += ignored;
            long oldest = minute - window.toMinutes();
            while (!buckets.isEmpty() && buckets.peekFirst()[0] <= oldest) {
                buckets.removeFirst();
            }
            totals = totals(buckets);
        }
        boolean now = totals.invalid() >= MIN_FAILURES && totals.invalid() >= threshold * (totals.accepted() + totals.invalid())
                || totals.ignored() >= MIN_FAILURES && totals.ignored() >= threshold * totals.entries();
        Boolean before = drifting.put(source, now);
        if (now && !Boolean.TRUE.equals(before)) {
            LOG.warn("schema drift suspected for source {}: {} of {} webhooks refused and {} of {} entries unknown in the last {}; "
                    + "the refused bodies are review items (GET /api/review)", source, totals.invalid(), totals.accepted() + totals.invalid(),
                    totals.ignored(), totals.entries(), window);
        } else if (!now && Boolean.TRUE.equals(before)) {
            LOG.info("source {} is back to its usual shape", source);
        }
    }

    private record Totals(long accepted, long invalid, long entries, long ignored) {
    }

    private static Totals totals(Deque<long[]> buckets) {
        long a = 0;
        long i = 0;
        long e = 0;
        long g = 0;
        for (long[] b : buckets) {
            a += b[1];
            i += b[2];
            e += b[3];
            g += b[4];
        }
        return new Totals(a, i, e, g);
    }

    /** Sources drifting now. */
    public java.util.Set<String> drifting() {
        return drifting.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // drift is an alert, not an outage: the hub keeps working (and keeps every refused body), so it stays UP
        builder.up();
        Map<String, Object> details = new TreeMap<>();
        minutes.forEach((source, buckets) -> {
            Totals t;
            synchronized (buckets) {
                t = totals(buckets);
            }
            details.put(source + ".refused", t.invalid());
            details.put(source + ".accepted", t.accepted());
            details.put(source + ".unknownEntries", t.ignored());
            details.put(source + ".drift", Boolean.TRUE.equals(drifting.get(source)));
        });
        details.put("window", window.toString());
        builder.details(details);
        java.util.Set<String> now = drifting();
        if (!now.isEmpty()) {
            builder.message("schema drift suspected for " + new java.util.TreeSet<>(now) + " (see /api/review)");
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }
}
