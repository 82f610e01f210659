package org.wifionboarding.hub.boot;

import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.admin.AdminRoutes;
import org.wifionboarding.hub.deliver.DeliverRoutes;
import org.wifionboarding.hub.ingest.IngestRoutes;
import org.wifionboarding.hub.lifecycle.LifecycleRoutes;
import org.wifionboarding.hub.normalise.NormaliseRoutes;
import org.wifionboarding.hub.provision.ProvisionRoutes;
import org.wifionboarding.hub.reconcile.ReconcileRoutes;
import org.wifionboarding.hub.review.DeadLetterRoutes;

/**
 * The hub as a part of a host's camel-main application: {@code Hub.addTo(main.configure())} adds the hub's
 * configuration (which binds only names of its own: {@code hub-jms}, {@code hub-quartz}, {@code hubDataSource}, ...)
 * and its route builders and route configurations (which apply to the hub's routes only). Which broker, database and
 * port the hub uses is configuration ({@code hub.broker.connection-factory}, {@code hub.db.data-source},
 * {@code hub.http.port}); docs/embedding.md walks through it.
 */
public final class Hub {

    private Hub() {
    }

    /** Every route builder and route configuration of the hub (ArchitectureTest checks none is missing). */
    public static List<RoutesBuilder> routes() {
        return List.of(new ErrorHandlingConfiguration(), new IngestRoutes(), new NormaliseRoutes(), new LifecycleRoutes(),
                new ProvisionRoutes(), new DeliverRoutes(), new ReconcileRoutes(), new DeadLetterRoutes(), new AdminRoutes(),
                new org.wifionboarding.hub.observe.ObserveRoutes(), new org.wifionboarding.hub.publish.EventRoutes());
    }

    public static void addTo(MainConfigurationProperties main) {
        main.addConfiguration(new HubConfiguration());
        routes().forEach(main::addRoutesBuilder);
    }
}
