package org.wifionboarding.hub.reconcile;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.ingest.WebhookIntake;

/**
 * One schedule per source that can reconcile ({@code reconcile-<source>}) and per source that is polled
 * ({@code poll-<source>}), on Quartz clustered on the database: a reconciliation run asks the source's API
 * what changed and feeds what the hub missed to {@code hub.inbound}; a poll reads the events after the
 * source's cursor and hands them to the webhook path.
 */
public class ReconcileRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        Reconciler reconciler = getContext().getRegistry().lookupByNameAndType("reconciler", Reconciler.class);
        for (String source : reconciler.sources()) {
            from(quartz(HubComponents.QUARTZ, "hub-reconcile/" + source).cron("{{hub.reconciliation.cron}}").stateful(true))
                    .routeId("reconcile-" + source)
                    .removeHeaders("*").id("reconcile-clean-" + source)
                    .setHeader(HubHeaders.SOURCE, constant(source)).id("reconcile-source-" + source)
                    .setBody(method(reconciler, "reconcile")).id("find-missed-" + source)
                    .setProperty(HubHeaders.RECONCILE_RUN, body()).id("keep-run-" + source)
                    .split(simple("${body.missed()}")).shareUnitOfWork().id("each-missed-" + source)
                        .process(exchange -> {
                            Reconciler.Missed missed = exchange.getMessage().getBody(Reconciler.Missed.class);
                            exchange.getMessage().setHeaders(new java.util.HashMap<>(missed.headers()));
                            exchange.getMessage().setBody(missed.notification());
                        }).id("missed-event-" + source)
                        .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.INBOUND)).id("feed-" + source)
                    .end()
                    .setBody(exchangeProperty(HubHeaders.RECONCILE_RUN)).id("the-run-" + source)
                    .bean(reconciler, "advance").id("advance-cursor-" + source);
        }

        SourcePolling polling = getContext().getRegistry().lookupByNameAndType("sourcePolling", SourcePolling.class);
        for (String source : polling.sources()) {
            from(quartz(HubComponents.QUARTZ, "hub-poll/" + source).cron("{{hub.polling.cron}}").stateful(true))
                    .routeId("poll-" + source)
                    .removeHeaders("*").id("poll-clean-" + source)
                    .setHeader(HubHeaders.SOURCE, constant(source)).id("poll-source-" + source)
                    .bean(polling, "poll").id("poll-" + source + "-events");
        }
    }
}
