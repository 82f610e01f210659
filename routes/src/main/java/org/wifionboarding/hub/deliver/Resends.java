package org.wifionboarding.hub.deliver;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;

/** An operator's or the front desk's resend: the credential again, now, on a channel of their choosing or the plan's first. */
public final class Resends {

    private static final Logger LOG = LoggerFactory.getLogger(Resends.class);

    private final BookingStore store;
    private final VenueDirectory venues;
    private final ChannelRegistry channels;
    private final AtRestCipher cipher;
    private final Clock clock;
    private final Duration resendInterval;

    public Resends(DeliveryParts parts, Duration resendInterval) {
        this.store = parts.store();
        this.venues = parts.venues();
        this.channels = parts.channels();
        this.cipher = parts.cipher();
        this.clock = parts.clock();
        this.resendInterval = resendInterval;
    }

    /**
     * {@code POST /api/bookings/{source}/{bookingId}/resend}: the credential again, now, on the given channel
     * or the plan's first; at most once per {@code hub.delivery.resend-interval} per booking (429 otherwise).
     */
    public void resend(Exchange exchange) {
        String source = exchange.getMessage().getHeader("source", String.class);
        String bookingId = exchange.getMessage().getHeader("bookingId", String.class);
        String body = exchange.getMessage().getBody(String.class);
        String channel = null;
        if (body != null && !body.isBlank()) {
            try {
                channel = Json.MAPPER.readTree(body).path("channel").asText(null);
            } catch (IOException e) {
                throw new WebhookRejection(Problem.of(400, "Bad request", "the body must be JSON like {\"channel\": \"sms\"}"), false);
            }
        }
        DeliveryParts.Ticket ticket = resend(new BookingRef(source, bookingId), channel);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(HubHeaders.SOURCE, ticket.source());
        exchange.getMessage().setHeader(HubHeaders.BOOKING_ID, ticket.bookingId());
        exchange.getMessage().setHeader(HubHeaders.DELIVERY_TOKEN, ticket.token());
        exchange.getMessage().setBody(BookingRef.of(ticket.source(), ticket.bookingId()).toString());
        exchange.setProperty(HubHeaders.RESEND_CHANNEL, channel);
    }

    /**
     * Schedules the credential again, now: a new delivery token, the requested channel first (else the plan's), the
     * rest of the plan behind it.
     *
     * @param channel the channel asked for, or null for the plan's first
     * @return the new delivery, for the message to {@code hub.delivery}
     * @throws WebhookRejection 404 no such booking, 409 no live credential or no channel left, 429 re-sent within
     *         {@code hub.delivery.resend-interval}, 400 a channel that is not configured or cannot reach this guest
     */
    public DeliveryParts.Ticket resend(BookingRef ref, String channel) {
        String source = ref.source();
        String bookingId = ref.bookingId();
        Instant now = clock.instant();
        return store.inTransaction(() -> {
            Booking b = store.lock(source, bookingId).orElseThrow(() ->
                    new WebhookRejection(Problem.of(404, "Not found", "no booking " + bookingId + " from " + source), false));
            if (!b.state.live() || b.passphraseEnc == null || !b.validUntil.isAfter(now)) {
                throw new WebhookRejection(Problem.of(409, "Conflict", "the booking has no live credential to send (state " + b.state + ")"), false);
            }
            if (b.resendRequestedAt != null && b.resendRequestedAt.plus(resendInterval).isAfter(now)) {
                long wait = Duration.between(now, b.resendRequestedAt.plus(resendInterval)).toSeconds() + 1;
                throw new WebhookRejection(Problem.of(429, "Too many requests", "this booking's credential was re-sent less than "
                        + resendInterval.toMinutes() + " minutes ago; retry in " + wait + " s"), false);
            }
            Guest guest;
            try {
                guest = Json.MAPPER.readValue(cipher.decrypt(b.guestEnc), Guest.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            List<String> plan = new java.util.ArrayList<>(channels.plan(venues.venue(b.venueId), guest));
            if (channel != null) {
                if (!channels.reaches(channel, guest)) {
                    throw new WebhookRejection(Problem.of(400, "Bad request", "channel '" + channel.replaceAll("[^a-z-]", "?")
                            + "' is not configured or cannot reach this guest"), false);
                }
                plan.remove(channel);
                plan.add(0, channel);
            }
            if (plan.isEmpty()) {
                throw new WebhookRejection(Problem.of(409, "Conflict", "no configured channel can reach this guest"), false);
            }
            b.deliveryToken++;
            b.deliveryAttempts = 0;
            b.deliveryTakeovers = 0;
            b.deliveryClaimedAt = null;
            b.deliveryChannel = plan.get(0);
            b.deliveryPlan = String.join(",", plan.subList(1, plan.size()));
            b.deliveryState = DeliveryState.SCHEDULED;
            b.deliveryScheduled = now;
            b.deliveryError = null;
            b.frontDesk = false;
            b.resendRequestedAt = now;
            b.updatedAt = now;
            store.update(b);
            store.timeline(source, bookingId, null, "re-send requested by an operator, by " + b.deliveryChannel);
            return new DeliveryParts.Ticket(source, bookingId, b.deliveryToken);
        });
    }

    /** The answer to a resend once its message is on the broker. */
    public void resendAccepted(Exchange exchange) {
        DeliveryParts.Ticket t = DeliveryParts.ticket(exchange);
        Booking b = store.find(t.source(), t.bookingId()).orElseThrow();
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.MAPPER.createObjectNode().put("status", "scheduled").put("channel", b.deliveryChannel).toString());
    }
}
