package org.wifionboarding.hub.admin;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.wifionboarding.hub.HubRouteBuilder;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.Announce;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.ErrorHandlingConfiguration;

/** The admin API under {@code /api}, behind the bearer token. */
public class AdminRoutes extends HubRouteBuilder {

    @Override
    public void configure() {
        from(platformHttp(path("/api/bookings")).httpMethodRestrict("GET").muteException(true))
                .routeId("admin-bookings").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-bookings")
                .bean("adminApi", "searchBookings").id("search-bookings");

        from(platformHttp(path("/api/bookings/{source}/{bookingId}")).httpMethodRestrict("GET").muteException(true))
                .routeId("admin-booking").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-booking")
                .bean("adminApi", "booking").id("read-booking");

        from(platformHttp(path("/api/bookings/{source}/{bookingId}/devices/{mac}")).httpMethodRestrict("PUT,DELETE").muteException(true))
                .routeId("admin-devices").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-devices")
                .bean("deviceRegistrations", "change").id("change-devices")
                .setHeader(HubHeaders.GROUP_ID, body()).id("devices-group")
                .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("send-device-provisioning")
                .bean("deviceRegistrations", "answer").id("answer-devices");

        // a credential issued by hand: applied as a booking of the source "desk", then provisioned like any other (and again when
        // its window opens, for a stay that begins later); the answer shows the credential once
        from(platformHttp(path("/api/credentials")).httpMethodRestrict("POST").muteException(true))
                .routeId("admin-credentials").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-credentials")
                .to("direct:issue-credential").id("admin-issue-credential");

        // the admin API's and the front desk's credential by hand
        from("direct:issue-credential").routeId("issue-credential").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("deskCredentials", "issue").id("issue-credential-at-desk")
                .setProperty(HubHeaders.ANNOUNCE, simple("${exchangeProperty." + HubHeaders.OUTCOME + ".announce()}")).id("desk-what-happened")
                .setProperty(HubHeaders.ANNOUNCED_BOOKING, simple("${exchangeProperty." + HubHeaders.OUTCOME + ".booking()}")).id("desk-booking-as-issued")
                .enrich(Announce.ENDPOINT, Announce.keepMessage()).id("announce-desk-credential")
                // unless the credential was made in the issuing transaction (a target in the hub's database)
                .filter(simple("${exchangeProperty." + HubHeaders.OUTCOME + ".sendProvisioning()}")).id("desk-provision?")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("send-desk-provisioning")
                .end()
                .filter(simple("${exchangeProperty." + HubHeaders.OUTCOME + ".activateLater()}")).id("desk-activates-later?")
                    .setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, simple("${exchangeProperty." + HubHeaders.OUTCOME + ".activateAtMillis()}", Long.class)).id("desk-activation-time")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("schedule-desk-activation")
                .end()
                .bean("deskCredentials", "answer").id("answer-credential");

        // a guest's request to be forgotten: guest data erased everywhere it is kept; credentials revoked only when asked,
        // and then reconciled away like an expiry
        from(platformHttp(path("/api/erasure")).httpMethodRestrict("POST").muteException(true))
                .routeId("admin-erasure").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-erasure")
                .bean("guestErasure", "erase").id("erase-guest-data")
                .setProperty(HubHeaders.ERASURE, body()).id("keep-erasure")
                .removeHeaders("*").id("forget-request-headers")
                .split(simple("${body.revoked()}")).id("each-revoked-credential")
                    .setHeader(HubHeaders.SOURCE, simple("${body.source()}")).id("revoked-source")
                    .setHeader(HubHeaders.BOOKING_ID, simple("${body.bookingId()}")).id("revoked-booking")
                    .setBody(simple("${body.toString()}")).id("revoked-key")
                    .setHeader(HubHeaders.GROUP_ID, body()).id("revoked-group")
                    .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("reconcile-revoked")
                .end()
                .setBody(simple("${exchangeProperty." + HubHeaders.ERASURE + ".answer()}")).id("erasure-answer")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200)).id("erasure-ok")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json")).id("erasure-json");

        from(platformHttp(path("/api/audit")).httpMethodRestrict("GET").muteException(true))
                .routeId("admin-audit").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-audit")
                .bean("adminApi", "auditTrail").id("list-audit");

        // the front desk: its page and its narrow API (look up, resend, issue), behind hub.desk.token
        from(platformHttp(path("/desk")).httpMethodRestrict("GET").muteException(true))
                .routeId("desk-page").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("deskAccess", "page").id("serve-desk-page");
        from(platformHttp(path("/desk/assets/{file}")).httpMethodRestrict("GET").muteException(true))
                .routeId("desk-assets").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("deskAccess", "asset").id("serve-desk-asset");
        from(platformHttp(path("/desk/api/venues")).httpMethodRestrict("GET").muteException(true))
                .routeId("desk-venues").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("deskAccess", "authorize").id("authorize-desk-venues")
                .bean("deskAccess", "venues").id("list-desk-venues");
        from(platformHttp(path("/desk/api/bookings")).httpMethodRestrict("GET").muteException(true))
                .routeId("desk-bookings").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("deskAccess", "authorize").id("authorize-desk-bookings")
                .bean("adminApi", "searchBookings").id("desk-search-bookings");
        from(platformHttp(path("/desk/api/bookings/{source}/{bookingId}")).httpMethodRestrict("GET").muteException(true))
                .routeId("desk-booking").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("deskAccess", "authorize").id("authorize-desk-booking")
                .bean("adminApi", "booking").id("desk-read-booking");
        from(platformHttp(path("/desk/api/bookings/{source}/{bookingId}/resend")).httpMethodRestrict("POST").muteException(true))
                .routeId("desk-resend").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("deskAccess", "authorize").id("authorize-desk-resend")
                .to("direct:resend").id("desk-resend-credential");
        from(platformHttp(path("/desk/api/credentials")).httpMethodRestrict("POST").muteException(true))
                .routeId("desk-credentials").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("deskAccess", "authorize").id("authorize-desk-credentials")
                .to("direct:issue-credential").id("desk-issue-credential");

        from(platformHttp(path("/api/dead-letters")).httpMethodRestrict("GET").muteException(true))
                .routeId("admin-dead-letters").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-dead-letters")
                .bean("deadLetters", "counts").id("count-dead-letters");

        from(platformHttp(path("/api/dead-letters/{queue}")).httpMethodRestrict("GET,DELETE").muteException(true))
                .routeId("admin-dead-letter-queue").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-dead-letter-queue")
                .choice().id("list-or-purge?")
                    .when(header(org.apache.camel.Exchange.HTTP_METHOD).isEqualTo("DELETE"))
                        .bean("deadLetters", "purge").id("purge-dead-letters")
                    .otherwise()
                        .bean("deadLetters", "list").id("list-dead-letters")
                .end();

        from(platformHttp(path("/api/dead-letters/{queue}/replay")).httpMethodRestrict("POST").muteException(true))
                .routeId("admin-dead-letter-replay").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-dead-letter-replay")
                .bean("deadLetters", "replay").id("replay-dead-letters");

        from(platformHttp(path("/api/openapi.json")).httpMethodRestrict("GET").muteException(true))
                .routeId("admin-openapi").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-openapi")
                .bean("adminApi", "openApi").id("answer-openapi");

        from(platformHttp(path("/api/review/{id}")).httpMethodRestrict("GET,DELETE").muteException(true))
                .routeId("admin-review-item").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-review-item")
                .choice().id("read-or-discard?")
                    .when(header(org.apache.camel.Exchange.HTTP_METHOD).isEqualTo("DELETE"))
                        .bean("adminApi", "discardReview").id("discard-review-item")
                    .otherwise()
                        .bean("adminApi", "reviewDetail").id("read-review-item")
                .end();

        // a replay takes the webhook pipeline (direct:accept) as if the source had just sent the event
        from(platformHttp(path("/api/review/{id}/replay")).httpMethodRestrict("POST").muteException(true))
                .routeId("admin-review-replay").routeConfigurationId(ErrorHandlingConfiguration.HTTP + "," + ErrorHandlingConfiguration.DURABLE_ANSWER)
                .bean("adminApi", "authorize").id("authorize-review-replay")
                .bean("adminApi", "replay").id("prepare-replay")
                .to("direct:accept").id("replay-through-pipeline")
                .bean("adminApi", "replayed").id("record-replay");

        from(platformHttp(path("/api/review")).httpMethodRestrict("GET").muteException(true))
                .routeId("admin-review").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-review")
                .bean("adminApi", "review").id("list-review");
    }
}
