package org.wifionboarding.hub.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The hub's own signals, labelled only by configuration names (source, target, channel, outcome), never by anything
 * a guest or a booking supplies: webhooks answered, provisioning outcomes and durations per target, delivery outcomes
 * and lag per channel. Without a registry (a host that runs no metrics) every call does nothing.
 */
public final class HubMeters {

    /** For tests and hosts without metrics. */
    public static final HubMeters NONE = new HubMeters(() -> null);

    private final Supplier<MeterRegistry> lookup;
    private volatile MeterRegistry found;

    /** @param lookup finds the registry (asked until it answers: Camel binds it while it starts) */
    public HubMeters(Supplier<MeterRegistry> lookup) {
        this.lookup = lookup;
    }

    private MeterRegistry registry() {
        MeterRegistry meters = found;
        if (meters == null) {
            meters = lookup.get();
            found = meters;
        }
        return meters;
    }

    /**
     * An embedded-database checkpoint (the durability fence): how long it took ({@code hub.db.checkpoint}) and how many
     * waiting commits it made durable at once ({@code hub.db.checkpoint.fences}, the group commit's size).
     */
    public void checkpoint(long fences, Duration took) {
        MeterRegistry meters = registry();
        if (meters != null) {
            Timer.builder("hub.db.checkpoint").register(meters).record(took);
            io.micrometer.core.instrument.DistributionSummary.builder("hub.db.checkpoint.fences").register(meters).record(fences);
        }
    }

    /** A webhook answered: {@code accepted}, {@code duplicate}, {@code refused} (4xx) or {@code unavailable} (5xx). */
    public void webhook(String source, String outcome) {
        MeterRegistry meters = registry();
        if (meters != null && source != null) {
            Counter.builder("hub.webhooks").tag("source", source).tag("outcome", outcome).register(meters).increment();
        }
    }

    /** A provisioning reconciliation ended: {@code ok}, {@code retry} or {@code refused}, after {@code took}. */
    public void provisioning(String target, String outcome, Duration took) {
        MeterRegistry meters = registry();
        if (meters != null && target != null) {
            Timer.builder("hub.provisioning").tag("target", target).tag("outcome", outcome).register(meters).record(took);
        }
    }

    /** A credential message ended: {@code sent} (with how long after its scheduled time) or {@code failed}. */
    public void delivery(String channel, String outcome, Duration lag) {
        MeterRegistry meters = registry();
        if (meters == null || channel == null) {
            return;
        }
        Counter.builder("hub.delivery").tag("channel", channel).tag("outcome", outcome).register(meters).increment();
        if (lag != null) {
            Timer.builder("hub.delivery.lag").tag("channel", channel).register(meters).record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    /** An event for a webhook subscriber: {@code ok}, {@code retry}, {@code waiting} (for the booking's earlier event) or {@code dead-lettered}. */
    public void subscriber(String subscriber, String outcome) {
        MeterRegistry meters = registry();
        if (meters != null && subscriber != null) {
            Counter.builder("hub.subscriber.events").tag("subscriber", subscriber).tag("outcome", outcome).register(meters).increment();
        }
    }

    /** Stalled stages the stall watch handed back to their queues ({@code hub.stalled.resumed}). */
    public void stalledResumed(int count) {
        MeterRegistry meters = registry();
        if (meters != null && count > 0) {
            Counter.builder("hub.stalled.resumed").register(meters).increment(count);
        }
    }
}
