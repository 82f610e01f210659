package org.wifionboarding.hub.observe;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of what the hub cannot work without: the database ({@code SELECT 1}) and the broker (a fresh
 * connection, not the pool's, so a broker that went away is seen at once). Readiness only: a load balancer
 * stops sending webhooks to a node that cannot store them, while liveness stays UP, so nothing restarts a
 * node that is only waiting for its database or broker to come back.
 */
public final class DependencyReadiness extends AbstractHealthCheck {

    private final Supplier<String> probe;

    private DependencyReadiness(String id, Supplier<String> probe) {
        super("hub", id);
        this.probe = probe;
    }

    /** {@code database}: DOWN when a connection cannot be had or {@code SELECT 1} fails within seconds. */
    public static DependencyReadiness database(DataSource dataSource) {
        return new DependencyReadiness("database", () -> {
            try (java.sql.Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout(3);
                s.execute("SELECT 1");
                return null;
            } catch (Exception e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        });
    }

    /** {@code broker}: DOWN when no connection to the broker can be opened and started. */
    public static DependencyReadiness broker(ConnectionFactory direct) {
        return new DependencyReadiness("broker", () -> {
            try (Connection c = direct.createConnection()) {
                c.start();
                return null;
            } catch (Exception e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        });
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String failure = probe.get();
        if (failure == null) {
            builder.up();
        } else {
            builder.message(failure.length() > 300 ? failure.substring(0, 300) : failure).down();
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }
}
