package org.wifionboarding.hub.boot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.wifionboarding.hub.HubComponents;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz for camel-quartz, with its job store in the hub's database and clustering on, so a schedule (a
 * source's reconciliation) fires on one node of the cluster at a time and moves to another when a node
 * dies. The tables come from the hub's Flyway migrations; the PostgreSQL delegate serves H2 too (H2 runs in
 * its PostgreSQL mode).
 */
public final class ClusteredQuartz {

    static final String DATA_SOURCE = "hub";

    private ClusteredQuartz() {
    }

    public static void configure(CamelContext context, DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the hub closes its pool itself
            }

            @Override
            public void initialize() {
                // the pool is ready
            }
        });
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", "wifi-onboarding-hub");
        quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.setProperty("org.quartz.threadPool.threadCount", "4");
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        quartz.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", "10000");
        // a schedule left blocked by a node that died is freed once the others see it gone (check-in interval plus
        // 7.5 s); a short misfire threshold then runs it at once instead of up to a minute later
        quartz.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        // the hub's own component: a host's "quartz" (and its scheduler, and its jobs) stays the host's
        QuartzComponent component = new QuartzComponent(context);
        context.addComponent(HubComponents.QUARTZ, component);
        component.setProperties(quartz);
        component.setPrefixJobNameWithEndpointId(false);
        try {
            // services stop in reverse order: this one, added after the database's, stops the scheduler (letting a
            // running job finish) before the pool closes; otherwise Quartz' threads retry a closed database forever
            context.addService(new org.apache.camel.support.service.ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    if (component.getScheduler() != null && !component.getScheduler().isShutdown()) {
                        component.getScheduler().shutdown(true);
                    }
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the Quartz shutdown", e);
        }
    }
}
