package org.wifionboarding.hub.admin;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.ErrorHandlingConfiguration;

/** The admin API under {@code /api}, behind the bearer token. */
public class AdminRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(platformHttp("/api/bookings/{source}/{bookingId}").httpMethodRestrict("GET").muteException(true))
                .routeId("admin-booking").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-booking")
                .bean("adminApi", "booking").id("read-booking");

        from(platformHttp("/api/bookings/{source}/{bookingId}/devices/{mac}").httpMethodRestrict("PUT,DELETE").muteException(true))
                .routeId("admin-devices").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-devices")
                .bean("deviceRegistrations", "change").id("change-devices")
                .setHeader(HubHeaders.GROUP_ID, body())
                .to(ExchangePattern.InOnly, jms(HubComponents.JMS, "queue:" + HubQueues.PROVISIONING)).id("send-device-provisioning")
                .bean("deviceRegistrations", "answer").id("answer-devices");

        from(platformHttp("/api/review").httpMethodRestrict("GET").muteException(true))
                .routeId("admin-review").routeConfigurationId(ErrorHandlingConfiguration.HTTP)
                .bean("adminApi", "authorize").id("authorize-review")
                .bean("adminApi", "review").id("list-review");
    }
}
