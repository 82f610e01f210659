package org.wifionboarding.hub.review;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.ingest.WebhookIntake;
import org.wifionboarding.hub.model.InvalidBookingException;
import org.wifionboarding.hub.store.ReviewStore;

/** Keeps a message that can never become a booking (unmappable after enrichment, impossible window) as a review item, and lets it go. */
public final class ConsumerReview {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerReview.class);

    private final ReviewStore review;

    public ConsumerReview(ReviewStore review) {
        this.review = review;
    }

    public void keep(Exchange exchange) {
        InvalidBookingException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidBookingException.class);
        String source = exchange.getMessage().getHeader(HubHeaders.SOURCE, "unknown", String.class);
        String eventId = exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class);
        review.keep(source, eventId, 422, "Unmappable booking; " + failure.field() + ": " + failure.reason(),
                exchange.getMessage().getBody(byte[].class));
        LOG.warn("event {} from {} cannot become a booking ({}): kept for review", eventId, source, failure.field());
    }
}
