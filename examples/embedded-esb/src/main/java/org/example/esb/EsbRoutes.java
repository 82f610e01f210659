package org.example.esb;

import org.apache.camel.builder.RouteBuilder;

/** The host's own routes: an order queue on its broker and a nightly job on its scheduler. */
public final class EsbRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("jms:queue:esb.orders").routeId("esb-orders")
                .to("jms:queue:esb.orders-audit");
        from("quartz:esb/nightly-export?cron=0 0 3 * * ?").routeId("esb-nightly-export")
                .log("nightly export");
    }
}
