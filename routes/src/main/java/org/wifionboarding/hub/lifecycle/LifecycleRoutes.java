package org.wifionboarding.hub.lifecycle;

import org.apache.camel.ExchangePattern;
import org.wifionboarding.hub.HubRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.Announce;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;

/**
 * {@code hub.booking-events} → apply the event to the booking (one transaction) → "credential X
 * changed" to {@code hub.provisioning} (unless the target was reconciled in that transaction: a target in the hub's
 * database), and the guest's message to {@code hub.delivery}, held by the broker until it is due. Also the expiry
 * sweep and the privacy purge.
 */
public class LifecycleRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        from(transactedConsumer(HubQueues.BOOKING_EVENTS))
                .routeId("lifecycle").routeConfigurationId(ErrorHandlingConfiguration.CONSUMER)
                .bean("bookingLifecycle", "applyJson(${body}, ${header.JMSRedelivered})").id("apply-event")
                .setProperty(HubHeaders.OUTCOME, body()).id("keep-outcome")
                .filter(simple("${exchangeProperty.outcome.frontDesk()}")).id("front-desk?")
                    .to(micrometer("counter:hub.delivery.front-desk")).id("count-front-desk")
                .end()
                .removeHeaders("*").id("drop-event-headers")
                .setHeader(HubHeaders.SOURCE, simple("${body.source()}")).id("outcome-source")
                .setHeader(HubHeaders.BOOKING_ID, simple("${body.bookingId()}")).id("outcome-booking")
                .setProperty(HubHeaders.ANNOUNCE, simple("${body.announce()}")).id("what-happened")
                .setProperty(HubHeaders.ANNOUNCED_BOOKING, simple("${body.booking()}")).id("booking-as-applied")
                // booking.confirmed, booking.checked_out, ... on hub.lifecycle-events, in this transaction
                .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-lifecycle")
                .setBody(simple("${body.bookingKey()}")).id("outcome-key")
                // one booking's provisioning is reconciled by one consumer at a time, in order, on any node: a slow
                // reconcile that read an older state can never write after a newer one removed the credential
                .setHeader(HubHeaders.GROUP_ID, body()).id("group-by-booking")
                // unless the credential was reconciled in the event's transaction (a target in the hub's database)
                .filter(simple("${exchangeProperty.outcome.sendProvisioning()}")).id("provision?")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("send-provisioning")
                .end()
                .filter(simple("${exchangeProperty.outcome.activateLater()}")).id("activates-later?")
                    // reconcile again when the window opens, so the credential starts to work then
                    .setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, simple("${exchangeProperty.outcome.activateAtMillis()}", Long.class)).id("activation-time")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("schedule-activation")
                    .removeHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY).id("activation-time-done")
                .end()
                .filter(simple("${exchangeProperty.outcome.deliver()}")).id("deliver?")
                    .setHeader(HubHeaders.DELIVERY_TOKEN, simple("${exchangeProperty.outcome.deliveryToken()}")).id("delivery-token")
                    .setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, simple("${exchangeProperty.outcome.deliverAtMillis()}", Long.class)).id("delivery-time")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.DELIVERY)).id("schedule-delivery")
                .end();

        // the network first, then the row: the reconcile removes what is past validUntil whatever the row says, so a crash
        // between the two leaves no access behind, and the next sweep finds the row still live and ends it
        from(timer("expire-credentials").delay(5_000).period("{{hub.credentials.expiry-sweep-ms}}"))
                .routeId("expire-credentials")
                .bean("bookingStore", "dueForExpiry").id("find-expired")
                .split(body()).id("each-expired")
                    .setHeader(HubHeaders.SOURCE, simple("${body[0]}")).id("expired-source")
                    .setHeader(HubHeaders.BOOKING_ID, simple("${body[1]}")).id("expired-booking")
                    .setBody(simple("${header.HubSource}:${header.HubBookingId}")).id("expired-key")
                    .setHeader(HubHeaders.GROUP_ID, body()).id("expired-group")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("reconcile-expired")
                    .bean("bookingStore", "expire(${header.HubSource}, ${header.HubBookingId})").id("expire")
                .end();

        // safety net: work whose message was lost is sent again (both stages are idempotent, a repeat does nothing)
        from(timer("resume-stalled").delay("{{hub.credentials.expiry-sweep-ms}}").period("{{hub.credentials.expiry-sweep-ms}}"))
                .routeId("resume-stalled")
                .bean("stallWatch", "stalled").id("find-stalled")
                .split(body()).id("each-stalled")
                    .bean("stallWatch", "headers").id("stalled-headers")
                    .choice().id("stalled-stage?")
                        .when(header(HubHeaders.STALLED_STAGE).isEqualTo(org.wifionboarding.hub.store.BookingStore.Stalled.PROVISION))
                            .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("resume-provisioning")
                        .otherwise()
                            .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.DELIVERY)).id("resume-delivery")
                    .end()
                .end();

        from(timer("purge-guest-data").delay(60_000).period("{{hub.privacy.purge-interval-ms}}"))
                .routeId("purge-guest-data")
                .bean("eventLog", "forgetPurged").id("forget-purged-events")
                .bean("guestDataPurge", "purge").id("purge")
                .split(body()).id("each-purged")
                    .setHeader(HubHeaders.SOURCE, simple("${body[0]}")).id("purged-source")
                    .setHeader(HubHeaders.BOOKING_ID, simple("${body[1]}")).id("purged-booking")
                    .setBody(simple("${header.HubSource}:${header.HubBookingId}")).id("purged-key")
                    .setHeader(HubHeaders.GROUP_ID, body()).id("purged-group")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("reconcile-purged")
                .end();
    }
}
