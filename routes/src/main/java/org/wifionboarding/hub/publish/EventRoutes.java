package org.wifionboarding.hub.publish;

import org.apache.camel.ExchangePattern;
import org.wifionboarding.hub.Announce;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.HubRouteBuilder;
import org.wifionboarding.hub.broker.HubQueues;

/**
 * Lifecycle events out. Stages announce what they did ({@code direct:announce}, inside their own transaction) to
 * {@code hub.lifecycle-events}; the publish stage numbers each event within its booking, keeps one per transition, and
 * sends it to the topic {@code hub.events} and to each interested subscriber's queue, in one transaction; each
 * subscriber's route posts its events, signed, at the subscriber's own pace, and the broker retries on its schedule.
 */
public class EventRoutes extends HubRouteBuilder {

    /** The route template that forwards published events to a host's endpoint ({@code docs/events.md}). */
    public static final String EVENTS_TEMPLATE = "hub-events-to";

    @Override
    public void configure() {
        from(Announce.ENDPOINT).routeId("announce")
                .bean("announcements", "candidates").id("candidate-events")
                .removeHeaders("*", HubHeaders.SOURCE, HubHeaders.BOOKING_ID).id("only-the-booking")
                .split(body()).id("each-candidate")
                    .setHeader(HubHeaders.GROUP_ID, simple("${header." + HubHeaders.SOURCE + "}:${header." + HubHeaders.BOOKING_ID + "}"))
                        .id("candidate-group")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.LIFECYCLE_EVENTS)).id("send-candidate")
                .end();

        from(transactedConsumer(HubQueues.LIFECYCLE_EVENTS))
                .routeId("publish-events").routeConfigurationId(ErrorHandlingConfiguration.CONSUMER)
                .bean("eventPublisher", "publish").id("number-event")
                .split(body()).id("each-destination")
                    .bean("eventPublisher", "prepare").id("prepare-message")
                    .toD(HubComponents.JMS + ":${exchangeProperty." + HubHeaders.EVENT_DESTINATION + "}?exchangePattern=InOnly")
                        .id("send-event")
                .end();

        Subscribers subscribers = getContext().getRegistry().lookupByNameAndType("hubSubscribers", Subscribers.class);
        for (Subscriber s : subscribers == null ? java.util.List.<Subscriber>of() : subscribers.all()) {
            from(transactedConsumer(s.queue(), String.valueOf(s.consumers())))
                    .routeId("subscriber-" + s.name())
                    .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.SUBSCRIBER)
                    .setProperty(HubHeaders.SUBSCRIBER, constant(s.name())).id("subscriber-" + s.name() + "-name")
                    .bean("lastAttempt", "note").id("subscriber-" + s.name() + "-attempt")
                    .throttle(s.perSecond()).totalRequestsMode().timePeriodMillis(1000).id("subscriber-" + s.name() + "-rate")
                    .setBody(method("subscriberDelivery", "event")).id("subscriber-" + s.name() + "-event")
                    .bean("subscriberDelivery", "deliver").id("subscriber-" + s.name() + "-post");
        }

        // for a middleware team: the published events, from a durable shared subscription of the topic hub.events (one
        // copy per subscription across every node of the host), into any endpoint of the host's, in a JMS transaction
        routeTemplate(EVENTS_TEMPLATE)
                .templateParameter("subscription", null, "name of the durable shared subscription (a queue on hub.events)")
                .templateParameter("selector", "HubEventType IS NOT NULL",
                        "JMS selector on HubEventType and HubVenue, e.g. HubEventType = 'booking.checked_out' AND HubVenue = 'hotel-paris'")
                .templateParameter("to", null, "the host's endpoint URI each event's JSON is sent to")
                .from(HubComponents.JMS + ":topic:" + HubQueues.EVENTS_TOPIC + "?subscriptionDurable=true&subscriptionShared=true"
                        + "&subscriptionName={{subscription}}&selector=RAW({{selector}})&transacted=true&lazyCreateTransactionManager=false")
                .to("{{to}}");

        // guest.first_connected: RADIUS accounting is written by FreeRADIUS, not by a stage, so it is read on a timer; a
        // booking is announced until its event is recorded (a repeat is one event)
        from(timer("first-connections").delay(10_000).period("{{hub.events.first-connection-poll-ms}}"))
                .routeId("first-connections")
                .bean("eventLog", "firstConnections(500)").id("find-first-connections")
                .split(body()).id("each-first-connection")
                    .setHeader(HubHeaders.SOURCE, simple("${body.source()}")).id("connected-source")
                    .setHeader(HubHeaders.BOOKING_ID, simple("${body.bookingId()}")).id("connected-booking")
                    .setProperty(HubHeaders.ANNOUNCE, simple(Announce.FIRST_CONNECTED + "${body.at()}")).id("connected-at")
                    .to(Announce.ENDPOINT).id("announce-first-connection")
                .end();
    }
}
