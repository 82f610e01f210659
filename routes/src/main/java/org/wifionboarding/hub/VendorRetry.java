package org.wifionboarding.hub;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.connect.RetryLaterException;
import org.wifionboarding.hub.ingest.WebhookIntake;

/**
 * Honours a vendor's {@code Retry-After} (a booking system's API in normalise, a controller in
 * provision): the message goes back to its queue scheduled no sooner than the vendor asked (Artemis
 * scheduled delivery), instead of the broker's shorter back-off. After {@link #MAX_ATTEMPTS} such waits
 * the failure takes the broker's path to the dead-letter queue.
 */
public final class VendorRetry {

    private static final Logger LOG = LoggerFactory.getLogger(VendorRetry.class);
    static final int MAX_ATTEMPTS = 20;

    public boolean honoursRetryAfter(Exchange exchange) {
        RetryLaterException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RetryLaterException.class);
        return failure != null && failure.retryAfter() != null
                && exchange.getMessage().getHeader(HubHeaders.RETRY_AFTER_ATTEMPTS, 0, Integer.class) < MAX_ATTEMPTS;
    }

    public void reschedule(Exchange exchange) {
        Duration wait = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RetryLaterException.class).retryAfter();
        int attempts = exchange.getMessage().getHeader(HubHeaders.RETRY_AFTER_ATTEMPTS, 0, Integer.class) + 1;
        exchange.getMessage().removeHeader(HubHeaders.ARTEMIS_DUPLICATE_ID);   // or the broker would drop it as a duplicate
        Object group = exchange.getMessage().getHeader(HubHeaders.GROUP_ID);
        exchange.getMessage().removeHeaders("JMS*");
        if (group != null) {
            exchange.getMessage().setHeader(HubHeaders.GROUP_ID, group);   // the booking's order survives the wait
        }
        exchange.getMessage().setHeader(HubHeaders.RETRY_AFTER_ATTEMPTS, attempts);
        exchange.getMessage().setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, System.currentTimeMillis() + Math.max(1000, wait.toMillis()));
        LOG.warn("message {} (source {}, booking {}): the vendor asked to wait {}; rescheduled (attempt {})",
                exchange.getMessage().getHeader(HubHeaders.EVENT_ID), exchange.getMessage().getHeader(HubHeaders.SOURCE),
                exchange.getMessage().getHeader(HubHeaders.BOOKING_ID), wait, attempts);
    }
}
