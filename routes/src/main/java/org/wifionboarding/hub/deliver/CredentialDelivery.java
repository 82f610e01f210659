package org.wifionboarding.hub.deliver;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.Activation;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.connect.channel.TwilioSignature;
import org.wifionboarding.hub.connect.channel.UndeliverableException;
import org.wifionboarding.hub.connect.email.CredentialNotice;
import org.wifionboarding.hub.connect.email.EmailComposer;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.CredentialState;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * The steps of delivery. {@code deliver} takes a due message from {@code hub.delivery}, re-reads the
 * booking and, if it still wants that delivery, passes it to the queue of its channel
 * ({@code hub.delivery.email|sms|push}). Each channel's route waits for the channel's rate (per provider
 * account and per venue, shared by every node), claims the send (one consumer, once), records an attempt,
 * sends, and records the provider's id before the message is acknowledged. A permanent refusal falls
 * back to the next channel of the plan; when none is left the booking is flagged for the front desk.
 */
public final class CredentialDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialDelivery.class);
    /** how often a send interrupted by a crash is taken over before the front desk is asked to help */
    static final int MAX_TAKEOVERS = 3;

    private final BookingStore store;
    private final VenueDirectory venues;
    private final ChannelRegistry channels;
    private final AtRestCipher cipher;
    private final EmailComposer composer;
    private final String from;
    private final Duration resendInterval;
    private final Duration claimLease;
    private final Clock clock;

    /** Which delivery a message is about. */
    record Ticket(String source, String bookingId, int token) {
    }

    private org.wifionboarding.hub.LastAttempt lastAttempt = new org.wifionboarding.hub.LastAttempt(Integer.MAX_VALUE);
    private org.wifionboarding.hub.observe.HubMeters meters = org.wifionboarding.hub.observe.HubMeters.NONE;

    /** Where delivery outcomes and lag are counted, per channel. */
    public CredentialDelivery meters(org.wifionboarding.hub.observe.HubMeters meters) {
        this.meters = meters;
        return this;
    }

    /** The broker's attempts, to tell the last one. */
    public CredentialDelivery lastAttempt(org.wifionboarding.hub.LastAttempt attempts) {
        this.lastAttempt = attempts;
        return this;
    }

    public CredentialDelivery(BookingStore store, VenueDirectory venues, ChannelRegistry channels, AtRestCipher cipher, EmailComposer composer,
                              String from, Duration resendInterval, Duration claimLease, Clock clock) {
        this.claimLease = claimLease;
        this.store = store;
        this.venues = venues;
        this.channels = channels;
        this.cipher = cipher;
        this.composer = composer;
        this.from = from;
        this.resendInterval = resendInterval;
        this.clock = clock;
    }

    private static Ticket ticket(Exchange exchange) {
        return new Ticket(exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class), exchange.getMessage().getHeader(HubHeaders.BOOKING_ID, String.class),
                exchange.getMessage().getHeader(HubHeaders.DELIVERY_TOKEN, Integer.class));
    }

    // --- hub.delivery: still wanted? then on to the channel's queue

    public void dispatch(Exchange exchange) {
        Ticket ticket = ticket(exchange);
        exchange.setProperty(HubHeaders.DELIVERY, ticket);
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElse(null);
        // SENDING too: a send whose message was lost with its node (the stall watch hands it back here) goes on to the
        // channel's queue, where the claim takes it over once its lease has run out, or finds it busy and looks again
        boolean wanted = b != null && b.state.live() && b.deliveryToken == ticket.token()
                && (b.deliveryState == DeliveryState.SCHEDULED || b.deliveryState == DeliveryState.SENDING) && b.validUntil.isAfter(clock.instant());
        exchange.setProperty(HubHeaders.DELIVERY_DISPATCH, wanted);
        if (!wanted) {
            LOG.info("delivery {} of booking {}:{} has nothing to send (booking moved on)", ticket.token(), ticket.source(), ticket.bookingId());
            return;
        }
        if (!BookingStore.PROVISIONED.equals(b.provisioningState) || b.passphraseEnc == null && b.purgedAt == null) {
            exchange.setProperty(HubHeaders.DELIVERY_DISPATCH, false);
            notUsableYet(exchange, ticket, b);
            return;
        }
        exchange.getMessage().removeHeaders("JMS*");
        exchange.getMessage().setHeader(HubHeaders.CHANNEL, b.deliveryChannel);
    }

    /**
     * A guest is sent only a credential the network accepts: until the target has confirmed it (and, for a voucher,
     * issued its code), the delivery waits, looking again after 0.25, 0.5, 1, 2 ... 60 s (the lead time is a "not before");
     * once provisioning has failed for good, nothing is sent and the front desk is flagged.
     */
    private void notUsableYet(Exchange exchange, Ticket ticket, Booking b) {
        Instant now = clock.instant();
        if (BookingStore.PROVISIONING_FAILED.equals(b.provisioningState)) {
            String error = "not sent: the credential is not on the network (" + b.provisioningError + ")";
            if (store.deliveryFailed(ticket.source(), ticket.bookingId(), ticket.token(), error.length() > 500 ? error.substring(0, 500) : error, now)) {
                store.timeline(ticket.source(), ticket.bookingId(), null, "delivery not sent: provisioning failed; front desk follow-up");
                exchange.setProperty(HubHeaders.DELIVERY_FRONT_DESK, true);
            }
            LOG.warn("delivery {} of booking {}:{} not sent: provisioning failed; front desk flagged", ticket.token(), ticket.source(), ticket.bookingId());
            return;
        }
        int waits = exchange.getMessage().getHeader(HubHeaders.PROVISIONING_WAITS, 0, Integer.class);
        if (waits == 0) {
            store.timeline(ticket.source(), ticket.bookingId(), null, "delivery waits until the credential is usable on the network");
        }
        Object group = exchange.getMessage().getHeader(HubHeaders.GROUP_ID);
        exchange.getMessage().removeHeaders("JMS*");
        exchange.getMessage().removeHeader(HubHeaders.ARTEMIS_DUPLICATE_ID);
        if (group != null) {
            exchange.getMessage().setHeader(HubHeaders.GROUP_ID, group);
        }
        exchange.getMessage().setHeader(HubHeaders.PROVISIONING_WAITS, waits + 1);
        exchange.getMessage().setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, now.toEpochMilli() + Math.min(60_000L, 250L << Math.min(waits, 8)));
        exchange.setProperty(HubHeaders.DELIVERY_WAIT, true);
        LOG.info("delivery {} of booking {}:{} waits for provisioning ({})", ticket.token(), ticket.source(), ticket.bookingId(),
                b.provisioningState == null ? "not yet done" : b.provisioningState);
    }

    // --- hub.delivery.<channel>

    /** Waits for the channel's rate, for the provider account and for the booking's venue. */
    public void throttle(Exchange exchange) {
        Ticket ticket = ticket(exchange);
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElse(null);
        if (b != null) {
            channels.throttle(channel, venues.venue(b.venueId));
        }
    }

    /**
     * Claims the send (a lease, see {@link BookingStore#claimDelivery}); the route branches on the answer. A claim
     * still held elsewhere leaves {@code _AMQ_SCHED_DELIVERY} set to when its lease runs out.
     */
    public BookingStore.Claim claim(Exchange exchange) {
        Ticket ticket = ticket(exchange);
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        exchange.setProperty(HubHeaders.DELIVERY, ticket);
        Instant now = clock.instant();
        BookingStore.Claim claim = store.claimDelivery(ticket.source(), ticket.bookingId(), ticket.token(), now, claimLease, MAX_TAKEOVERS);
        exchange.setProperty(HubHeaders.DELIVERY_CLAIMED, claim instanceof BookingStore.Claim.Claimed);
        if (claim instanceof BookingStore.Claim.MovedOn) {
            LOG.info("delivery {} of booking {}:{} has nothing to send (booking moved on)", ticket.token(), ticket.source(), ticket.bookingId());
        } else if (claim instanceof BookingStore.Claim.Busy busy) {
            // another consumer holds the send (or held it when its node died): look again when its lease runs out
            exchange.getMessage().removeHeaders("JMS*");
            exchange.getMessage().setHeader(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY, busy.until().toEpochMilli() + 100);
            LOG.info("delivery {} of booking {}:{} is being sent elsewhere; looked at again at {}", ticket.token(), ticket.source(),
                    ticket.bookingId(), busy.until());
        } else if (claim instanceof BookingStore.Claim.GivenUp givenUp) {
            store.timeline(ticket.source(), ticket.bookingId(), null, "delivery given up (" + givenUp.reason() + ")");
            LOG.warn("delivery of booking {}:{} was interrupted too often: flagged for the front desk", ticket.source(), ticket.bookingId());
        } else if (claim instanceof BookingStore.Claim.Claimed claimed && claimed.takeover()) {
            store.timeline(ticket.source(), ticket.bookingId(), null, "an interrupted send by " + channel + " is tried again");
            LOG.warn("delivery {} of booking {}:{}: an interrupted send is taken over (it may reach the guest twice)", ticket.token(),
                    ticket.source(), ticket.bookingId());
        }
        return claim;
    }

    /** For a claimed send: records the attempt and makes the message (email: the MIME message as the body; others: the notice in a property). */
    public void prepare(Exchange exchange) throws IOException, jakarta.mail.MessagingException {
        Ticket ticket = exchange.getProperty(HubHeaders.DELIVERY, Ticket.class);
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        exchange.getMessage().removeHeaders("*");
        Instant now = clock.instant();
        exchange.setProperty(HubHeaders.DELIVERY_ATTEMPT, store.attemptStarted(ticket.source(), ticket.bookingId(), ticket.token(), channel, now));
        Booking b = store.find(ticket.source(), ticket.bookingId()).orElseThrow();
        if (b.deliveryScheduled != null) {
            exchange.setProperty(HubHeaders.DELIVERY_DUE, b.deliveryScheduled);
        }
        Guest guest = Json.MAPPER.readValue(cipher.decrypt(b.guestEnc), Guest.class);
        Venue venue = venues.venue(b.venueId);
        CredentialNotice notice = new CredentialNotice(guest.language(), guest.displayName(), venue.name(), venue.ssid(),
                CredentialKind.fromConfig(b.credentialKind), b.username, cipher.decryptText(b.passphraseEnc), b.validFrom, b.validUntil,
                venue.times().zone(), Activation.ON_CHECK_IN.configName().equals(b.activation) && b.state != CredentialState.ACTIVE,
                venue.logoUrl(), venue.supportPhone());
        if (ChannelRegistry.EMAIL.equals(channel)) {
            exchange.getMessage().setBody(composer.mime(composer.compose(notice), from, guest.email()));
        } else {
            exchange.setProperty(HubHeaders.DELIVERY_NOTICE, notice);
            exchange.setProperty(HubHeaders.DELIVERY_RECIPIENT, ChannelRegistry.recipient(guest));
            exchange.setProperty(HubHeaders.CHANNEL, channel);
        }
    }

    /** SMS or push: hands the notice to the provider. */
    public void send(Exchange exchange) {
        DeliveryChannel channel = channels.channel(exchange.getProperty(HubHeaders.CHANNEL, String.class));
        DeliveryChannel.Sent sent = channel.send(exchange.getProperty(HubHeaders.DELIVERY_RECIPIENT, DeliveryChannel.Recipient.class),
                exchange.getProperty(HubHeaders.DELIVERY_NOTICE, CredentialNotice.class), null);   // a provider that reports back names its own callback
        exchange.setProperty(HubHeaders.DELIVERY_SENT, sent);
    }

    /** Records the send, with the provider's id, before the message is acknowledged. */
    public void sent(Exchange exchange) {
        Ticket t = exchange.getProperty(HubHeaders.DELIVERY, Ticket.class);
        DeliveryChannel.Sent sent = exchange.getProperty(HubHeaders.DELIVERY_SENT, DeliveryChannel.Sent.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
        Instant now = clock.instant();
        store.attemptOutcome(exchange.getProperty(HubHeaders.DELIVERY_ATTEMPT, Long.class), sent == null ? null : sent.providerId(), "SENT", null, now);
        store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.SENT, null, now);
        String channel = sent == null ? ChannelRegistry.EMAIL : exchange.getProperty(HubHeaders.CHANNEL, String.class);
        store.timeline(t.source(), t.bookingId(), null, "credential sent by " + channel
                + (sent != null && sent.providerId() != null ? " (provider id " + sent.providerId() + ")" : ""));
        Instant due = exchange.getProperty(HubHeaders.DELIVERY_DUE, Instant.class);
        meters.delivery(channel, "sent", due == null ? null : java.time.Duration.between(due, now));
        LOG.info("credential of booking {}:{} handed over for {}", t.source(), t.bookingId(), channel);
    }

    // --- failures

    /** An SMTP 5xx, or a provider saying this guest cannot be reached this way. */
    public boolean permanent(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure instanceof UndeliverableException || SmtpReplies.permanent(failure);
    }

    /** Records a permanent refusal and moves on to the next channel of the plan, or flags the booking for the front desk. */
    public void fallback(Exchange exchange) {
        Ticket t = exchange.getProperty(HubHeaders.DELIVERY, Ticket.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure instanceof UndeliverableException ? failure.getMessage() : SmtpReplies.describe(failure);
        Long attempt = exchange.getProperty(HubHeaders.DELIVERY_ATTEMPT, Long.class);
        if (attempt != null) {
            store.attemptOutcome(attempt, null, "FAILED", reason, clock.instant());
        }
        meters.delivery(channelOf(exchange), "refused", null);
        next(exchange, t, reason, DeliveryState.SENDING);
    }

    /** The channel of the send under way: the property a prepared SMS or push carries, the consumed header, or email. */
    private static String channelOf(Exchange exchange) {
        String channel = exchange.getProperty(HubHeaders.CHANNEL, String.class);
        if (channel == null) {
            channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        }
        return channel == null ? ChannelRegistry.EMAIL : channel;
    }

    private void next(Exchange exchange, Ticket t, String reason, DeliveryState expected) {
        Instant now = clock.instant();
        Ticket next = store.inTransaction(() -> {
            Booking b = store.lock(t.source(), t.bookingId()).orElse(null);
            if (b == null || b.deliveryToken != t.token() || b.deliveryState != expected) {
                return null;   // the booking moved on meanwhile
            }
            String failed = b.deliveryChannel;
            List<String> rest = b.deliveryPlan == null || b.deliveryPlan.isBlank() ? List.of() : Arrays.asList(b.deliveryPlan.split(","));
            b.deliveryToken++;
            b.deliveryAttempts = 0;
            b.deliveryTakeovers = 0;
            b.deliveryClaimedAt = null;
            b.updatedAt = now;
            if (rest.isEmpty() || !b.state.live()) {
                b.deliveryState = DeliveryState.FAILED;
                b.deliveryError = failed + ": " + reason;
                b.frontDesk = true;
                store.update(b);
                store.timeline(b.source, b.bookingId, null, failed + " refused for good (" + reason + "); no channel left: front desk follow-up");
                return new Ticket(b.source, b.bookingId, -1);
            }
            b.deliveryChannel = rest.get(0);
            b.deliveryPlan = String.join(",", rest.subList(1, rest.size()));
            b.deliveryState = DeliveryState.SCHEDULED;
            b.deliveryScheduled = now;
            b.deliveryError = failed + ": " + reason;
            store.update(b);
            store.timeline(b.source, b.bookingId, null, failed + " refused for good (" + reason + "); falling back to " + b.deliveryChannel);
            return new Ticket(b.source, b.bookingId, b.deliveryToken);
        });
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(org.wifionboarding.hub.BookingRef.of(t.source(), t.bookingId()).toString());
        if (next == null) {
            return;
        }
        if (next.token() < 0) {
            exchange.setProperty(HubHeaders.DELIVERY_FRONT_DESK, true);
            LOG.warn("no channel reached booking {}:{}: flagged for the front desk", t.source(), t.bookingId());
            return;
        }
        exchange.setProperty(HubHeaders.DELIVERY_NEXT, true);
        exchange.getMessage().setHeader(HubHeaders.SOURCE, next.source());
        exchange.getMessage().setHeader(HubHeaders.BOOKING_ID, next.bookingId());
        exchange.getMessage().setHeader(HubHeaders.DELIVERY_TOKEN, next.token());
        LOG.info("delivery of booking {}:{} falls back to the next channel", t.source(), t.bookingId());
    }

    /** A transient failure (SMTP 4xx, provider 429/5xx, timeout): give the send back, so it is tried again. */
    public void retryLater(Exchange exchange) {
        Ticket t = exchange.getProperty(HubHeaders.DELIVERY, Ticket.class);
        if (t == null || !Boolean.TRUE.equals(exchange.getProperty(HubHeaders.DELIVERY_CLAIMED, Boolean.class))) {
            return;
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure instanceof jakarta.mail.MessagingException ? SmtpReplies.describe(failure)
                : failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Instant now = clock.instant();
        Long attempt = exchange.getProperty(HubHeaders.DELIVERY_ATTEMPT, Long.class);
        if (attempt != null) {
            store.attemptOutcome(attempt, null, "DEFERRED", reason, now);
        }
        store.deliveryOutcome(t.source(), t.bookingId(), t.token(), DeliveryState.SCHEDULED, reason, now);
        store.timeline(t.source(), t.bookingId(), null, "delivery deferred (" + reason + "), will retry");
    }

    /**
     * The broker's last attempt failed too: the delivery ends FAILED with the reason and the front desk is asked to
     * help; the route then dead-letters the message with the reason ({@code HubFailure}) for replay.
     */
    public void failedForGood(Exchange exchange) {
        Ticket t = ticket(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure instanceof jakarta.mail.MessagingException ? SmtpReplies.describe(failure)
                : failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String channel = exchange.getMessage().getHeader(HubHeaders.CHANNEL, String.class);
        String error = (channel == null ? "delivery" : channel) + ": " + reason + " (gave up after " + lastAttempt.attempt(exchange)
                + " attempts; dead-lettered)";
        error = error.length() > 500 ? error.substring(0, 500) : error;
        Instant now = clock.instant();
        Long attempt = exchange.getProperty(HubHeaders.DELIVERY_ATTEMPT, Long.class);
        if (attempt != null) {
            store.attemptOutcome(attempt, null, "FAILED", reason, now);
        }
        if (t.source() != null && store.deliveryFailed(t.source(), t.bookingId(), t.token(), error, now)) {
            store.timeline(t.source(), t.bookingId(), null, "delivery failed for good: " + error + "; front desk follow-up");
        }
        meters.delivery(channel, "failed", null);
        LOG.warn("delivery {} of booking {}:{} failed on the broker's last attempt: dead-lettered, front desk flagged", t.token(), t.source(),
                t.bookingId());
        exchange.getMessage().setHeader(org.wifionboarding.hub.HubHeaders.FAILURE, error);
    }

    // --- provider status callbacks

    /**
     * {@code POST /webhooks/callbacks/{provider}} (and {@code /webhooks/twilio-status}, where Twilio accounts already point):
     * the provider's channel checks the report is the provider's (403 otherwise) and reads it; the hub records the
     * message's state on its attempt and falls back to the next channel when the provider reports it undelivered or
     * failed for the booking's current delivery.
     */
    public void statusCallback(Exchange exchange) {
        String provider = exchange.getMessage().getHeader(HubHeaders.CALLBACK_PROVIDER, String.class);
        DeliveryChannel channel = provider == null ? null : channels.provider(provider);
        var reports = channel == null ? java.util.Optional.<DeliveryChannel.StatusReports>empty() : channel.statusReports();
        if (reports.isEmpty()) {
            throw new WebhookRejection(Problem.of(404, "Not found", "no configured provider takes status callbacks as '"
                    + String.valueOf(provider).replaceAll("[^A-Za-z0-9._-]", "?") + "'"), false);
        }
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value instanceof String text) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), text);
            }
        });
        DeliveryChannel.StatusReport report;
        try {
            report = reports.get().read(headers, params(exchange.getMessage().getBody()));
        } catch (SecurityException e) {
            LOG.warn("{} status callback refused: {}", provider, e.getMessage());
            throw new WebhookRejection(Problem.of(403, "Forbidden", e.getMessage()), false);
        }
        var attempt = report.providerId() == null ? java.util.Optional.<BookingStore.Attempt>empty() : store.attemptByProviderId(report.providerId());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
        if (attempt.isEmpty()) {
            LOG.info("{} status {} for an unknown message ignored", provider, report.status());
            return;
        }
        String state = report.state();
        String error = report.error();
        Instant now = clock.instant();
        store.attemptOutcome(attempt.get().id(), null, state, error, now);
        String[] key = store.attemptBooking(attempt.get().id()).orElseThrow();
        store.timeline(key[0], key[1], null, channel.name() + " " + report.status() + (error == null ? "" : " (" + error + ")"));
        if (state.equals("UNDELIVERED") || state.equals("FAILED")) {
            next(exchange, new Ticket(key[0], key[1], attempt.get().token()), provider + " reported " + report.status()
                    + (error == null ? "" : ", " + error), DeliveryState.SENT);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
            exchange.getMessage().setBody(null);
        }
    }

    /** The POST parameters, every value of a repeated name kept: platform-http hands a form over as a map (of strings, or of lists). */
    static Map<String, List<String>> params(Object body) {
        if (body instanceof Map<?, ?> map) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            map.forEach((k, v) -> params.put(String.valueOf(k), v instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(v))));
            return params;
        }
        return form(body == null ? "" : body.toString());
    }

    static Map<String, List<String>> form(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), name -> new java.util.ArrayList<>())
                        .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    // --- resend on request

    /**
     * {@code POST /api/bookings/{source}/{bookingId}/resend}: the credential again, now, on the given channel
     * or the plan's first; at most once per {@code hub.delivery.resend-interval} per booking (429 otherwise).
     */
    public void resend(Exchange exchange) {
        String source = exchange.getMessage().getHeader("source", String.class);
        String bookingId = exchange.getMessage().getHeader("bookingId", String.class);
        String body = exchange.getMessage().getBody(String.class);
        String requested = null;
        if (body != null && !body.isBlank()) {
            try {
                requested = Json.MAPPER.readTree(body).path("channel").asText(null);
            } catch (IOException e) {
                throw new WebhookRejection(Problem.of(400, "Bad request", "the body must be JSON like {\"channel\": \"sms\"}"), false);
            }
        }
        String channel = requested;
        Instant now = clock.instant();
        Ticket ticket = store.inTransaction(() -> {
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
            return new Ticket(source, bookingId, b.deliveryToken);
        });
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(HubHeaders.SOURCE, ticket.source());
        exchange.getMessage().setHeader(HubHeaders.BOOKING_ID, ticket.bookingId());
        exchange.getMessage().setHeader(HubHeaders.DELIVERY_TOKEN, ticket.token());
        exchange.getMessage().setBody(org.wifionboarding.hub.BookingRef.of(ticket.source(), ticket.bookingId()).toString());
        exchange.setProperty(HubHeaders.RESEND_CHANNEL, channel);
    }

    /** The answer to a resend once its message is on the broker. */
    public void resendAccepted(Exchange exchange) {
        Ticket t = ticket(exchange);
        Booking b = store.find(t.source(), t.bookingId()).orElseThrow();
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.MAPPER.createObjectNode().put("status", "scheduled").put("channel", b.deliveryChannel).toString());
    }
}
