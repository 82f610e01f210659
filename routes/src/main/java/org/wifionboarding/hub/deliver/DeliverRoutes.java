package org.wifionboarding.hub.deliver;

import org.apache.camel.ExchangePattern;
import org.wifionboarding.hub.HubRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.Announce;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.store.BookingStore;

/**
 * {@code hub.delivery} (held by the broker until due) → still wanted? → {@code hub.delivery.<channel>}
 * → wait for the channel's rate → claim → send (SMTP, Twilio or a gateway, push) → record the provider's
 * id. A permanent refusal falls back to the next channel through {@code hub.delivery}; a transient one
 * rolls back for the broker's back-off, or waits the provider's {@code Retry-After}. Twilio's status
 * callbacks arrive on {@code POST /webhooks/callbacks/{provider}} ({@code /webhooks/twilio-status} too). Each channel has its own queue, so a slow or
 * throttled channel never holds up another, and its depth shows in JMX.
 */
public class DeliverRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        from(transactedConsumer(HubQueues.DELIVERY))
                .routeId("deliver").routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.DELIVERY)
                .bean("lastAttempt", "note").id("note-delivery-attempt")
                .bean("deliveryDispatch", "dispatch").id("still-wanted")
                .choice().id("dispatch?")
                    .when(exchangeProperty(HubHeaders.DELIVERY_DISPATCH).isInstanceOf(DeliveryDispatch.Decision.Send.class))
                        .toD(HubComponents.JMS + ":queue:" + HubQueues.DELIVERY + ".${header." + HubHeaders.CHANNEL + "}?exchangePattern=InOnly").id("to-channel")
                    .when(exchangeProperty(HubHeaders.DELIVERY_DISPATCH).isInstanceOf(DeliveryDispatch.Decision.Wait.class))
                        .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.DELIVERY)).id("wait-for-provisioning")
                    .when(exchangeProperty(HubHeaders.DELIVERY_DISPATCH).isEqualTo(new DeliveryDispatch.Decision.NotProvisioned(true)))
                        .to(micrometer("counter:hub.delivery.front-desk")).id("count-not-provisioned")
                        .setProperty(HubHeaders.ANNOUNCE, constant(Announce.DELIVERY_FAILED)).id("what-was-not-provisioned")
                        .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-not-provisioned")
                .end();

        ChannelRegistry channels = getContext().getRegistry().lookupByNameAndType("channelRegistry", ChannelRegistry.class);
        for (String channel : HubQueues.DELIVERY_CHANNELS) {
            String queue = HubQueues.DELIVERY + "." + channel;
            // a channel sends by itself (a bean call) or names the endpoint that sends the message it makes (email: camel-mail)
            DeliveryChannel provider = channels.channel(channel);
            boolean byEndpoint = provider != null && provider.endpointUri() != null;
            var claimed = from(transactedConsumer(queue))
                    .routeId("deliver-" + channel)
                    .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.DELIVERY)
                    .bean("lastAttempt", "note").id("note-attempt-" + channel)
                    .process(exchange -> exchange.setProperty(HubHeaders.DELIVERY, DeliveryParts.ticket(exchange))).id("ticket-" + channel)
                    .bean("channelSend", "throttle").id("throttle-" + channel)
                    .bean("channelSend", "claim").id("claim-" + channel)
                    .choice().id("claimed-" + channel + "?")
                        .when(body().isInstanceOf(BookingStore.Claim.Claimed.class))
                            .setProperty(HubHeaders.DELIVERY_CLAIMED, constant(true)).id("hold-claim-" + channel)
                            .setProperty(HubHeaders.CHANNEL, header(HubHeaders.CHANNEL)).id("sending-channel-" + channel)
                            .setProperty(HubHeaders.DELIVERY_PREPARED, method("channelSend", "prepare")).id("prepare-" + channel)
                            // the claim and the attempt are on disk before the provider is called: after a kill, the
                            // send is known to have been under way (a takeover), never taken for one not yet begun
                            .bean("durableCommits", "fence").id("claim-on-disk-" + channel)
                            .removeHeaders("*").id("forget-consumed-headers-" + channel);
            if (byEndpoint) {   // the channel's endpoint sends the message it made (email: camel-mail)
                claimed.setBody(method("channelSend", "message")).id("message-" + channel)
                        .to(provider.endpointUri()).id("send-" + channel);
            } else {            // the channel sends by itself: a bean call
                claimed.setProperty(HubHeaders.DELIVERY_SENT, method("channelSend", "send")).id("send-" + channel);
            }
            claimed
                            .bean("channelSend", "sent").id("record-" + channel)
                            .setHeader(HubHeaders.SOURCE, simple("${body.source()}")).id("sent-source-" + channel)
                            .setHeader(HubHeaders.BOOKING_ID, simple("${body.bookingId()}")).id("sent-booking-" + channel)
                            .setProperty(HubHeaders.ANNOUNCE, constant(Announce.DELIVERED)).id("what-was-sent-" + channel)
                            .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-sent-" + channel)
                        .when(body().isInstanceOf(BookingStore.Claim.Busy.class))
                            // the claim's lease has not run out: the message comes back when it has
                            .removeHeaders("JMS*").id("busy-fresh-message-" + channel)
                            .setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, method("channelSend", "lookAgainAt")).id("busy-until-" + channel)
                            .setBody(simple("${header." + HubHeaders.SOURCE + "}:${header." + HubHeaders.BOOKING_ID + "}")).id("busy-key-" + channel)
                            .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + queue)).id("look-again-" + channel)
                        .when(body().isInstanceOf(BookingStore.Claim.GivenUp.class))
                            .to(micrometer("counter:hub.delivery.front-desk")).id("count-given-up-" + channel)
                            .setProperty(HubHeaders.ANNOUNCE, constant(Announce.DELIVERY_FAILED)).id("what-was-given-up-" + channel)
                            .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-given-up-" + channel)
                        .when(body().isInstanceOf(BookingStore.Claim.MovedOn.class))
                            // sent or failed already: perhaps by this very message before a crash took its acknowledgement,
                            // and with it the announcement; announced again (one event per transition all the same)
                            .setProperty(HubHeaders.ANNOUNCE, constant(Announce.DELIVERED)).id("what-had-ended-" + channel)
                            .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-ended-" + channel)
                    .end();
        }

        // called from the webhook route, whose answers are not fenced (a webhook's key may be forgotten): this one is
        from("direct:status-callback").routeId("status-callback").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("statusCallbacks", "statusCallback").id("record-status")
                .bean("durableCommits", "fence").id("status-on-disk")
                .filter(exchangeProperty(HubHeaders.DELIVERY_NEXT)).id("callback-next-channel?")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.DELIVERY)).id("fall-back-after-callback")
                .end()
                .filter(exchangeProperty(HubHeaders.DELIVERY_FRONT_DESK)).id("callback-front-desk?")
                    .to(micrometer("counter:hub.delivery.front-desk")).id("count-front-desk-after-callback")
                .end()
                .removeHeaders("*", "CamelHttpResponseCode").id("callback-answer-headers")
                .setBody(constant("")).id("callback-answer");

        from(platformHttp(path("/api/bookings/{source}/{bookingId}/resend")).httpMethodRestrict("POST").muteException(true))
                .routeId("admin-resend").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-resend")
                .to("direct:resend").id("admin-resend-credential");

        // the admin API's and the front desk's resend
        from("direct:resend").routeId("resend").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("resends", "resend").id("plan-resend")
                .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.DELIVERY)).id("send-resend")
                .bean("resends", "resendAccepted").id("answer-resend");
    }
}
