package org.wifionboarding.hub.observe;

import org.wifionboarding.hub.HubRouteBuilder;

/** Signals read on a timer: the depth of every hub queue and dead-letter queue, from the broker. */
public class ObserveRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        from(timer("measure-queues").delay(2_000).period("{{hub.metrics.queue-interval-ms}}"))
                .routeId("measure-queues")
                .bean("queueDepths", "measure").id("read-queue-depths");
    }
}
