package org.wifionboarding.hub.publish;

import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.LastAttempt;
import org.wifionboarding.hub.observe.HubMeters;

/**
 * Sends one event to one subscriber as a Standard Webhooks request: {@code webhook-id} (the same on every attempt and
 * copy), {@code webhook-timestamp} (this attempt's, so a retry hours later still passes the receiver's tolerance) and
 * {@code webhook-signature} (v1, HMAC-SHA256 by the reference library). A booking's events reach a subscriber in order:
 * an event whose predecessor the subscriber has not yet taken waits; one it already took is not sent again.
 */
public final class SubscriberDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberDelivery.class);

    private final Map<String, Subscriber> byName = new ConcurrentHashMap<>();
    private final EventLog log;
    private final Clock clock;
    private final LastAttempt attempts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private HubMeters meters = HubMeters.NONE;

    public SubscriberDelivery(Subscribers subscribers, EventLog log, Clock clock, LastAttempt attempts) {
        subscribers.all().forEach(s -> byName.put(s.name(), s));
        this.log = log;
        this.clock = clock;
        this.attempts = attempts;
    }

    public SubscriberDelivery meters(HubMeters meters) {
        this.meters = meters;
        return this;
    }

    /** The signature Standard Webhooks' reference library makes for this secret, id, time (seconds) and payload. */
    public static String sign(String secret, String webhookId, long timestamp, String payload) {
        try {
            return new Webhook(secret).sign(webhookId, timestamp, payload);
        } catch (com.standardwebhooks.exceptions.WebhookSigningException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    public void deliver(Exchange exchange) throws IOException, InterruptedException {
        var message = exchange.getMessage();
        Subscriber s = byName.get(exchange.getProperty(HubHeaders.SUBSCRIBER, String.class));
        String source = message.getHeader(HubHeaders.SOURCE, String.class);
        String bookingId = message.getHeader(HubHeaders.BOOKING_ID, String.class);
        int seq = message.getHeader(HubHeaders.EVENT_SEQUENCE, 0, Integer.class);
        int previous = message.getHeader(HubHeaders.EVENT_PREVIOUS, 0, Integer.class);
        String webhookId = message.getHeader(HubHeaders.WEBHOOK_ID, String.class);
        if (log.delivered(s.name(), source, bookingId, seq)) {
            LOG.debug("event {} already taken by subscriber {}", webhookId, s.name());
            return;
        }
        if (previous > 0 && !log.delivered(s.name(), source, bookingId, previous)) {
            meters.subscriber(s.name(), "waiting");
            throw new SubscriberUnavailableException("subscriber " + s.name() + ": event " + webhookId + " waits for the booking's event #" + previous);
        }
        String payload = message.getBody(String.class);
        long timestamp = clock.instant().getEpochSecond();
        String signature = sign(s.secret(), webhookId, timestamp, payload);
        HttpRequest request = HttpRequest.newBuilder(s.url()).timeout(s.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "wifi-onboarding-hub")
                .header("webhook-id", webhookId).header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        long started = System.nanoTime();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException unreachable) {
            meters.subscriber(s.name(), "retry");
            throw new SubscriberUnavailableException("subscriber " + s.name() + ": " + unreachable.getClass().getSimpleName());
        }
        if (status < 200 || status > 299) {
            meters.subscriber(s.name(), "retry");
            throw new SubscriberUnavailableException("subscriber " + s.name() + " answered " + status + " to event " + webhookId);
        }
        log.markDelivered(s.name(), source, bookingId, seq, clock.instant());
        meters.subscriber(s.name(), "ok");
        LOG.debug("event {} taken by subscriber {} in {} ms", webhookId, s.name(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** The broker's last attempt failed too: the event is dead-lettered (replayable), with the reason attached. */
    public void givenUp(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure == null ? "unknown" : failure.getMessage();
        String subscriber = exchange.getProperty(HubHeaders.SUBSCRIBER, String.class);
        meters.subscriber(subscriber, "dead-lettered");
        LOG.warn("event {} of booking {}:{} given up for subscriber {} after {} attempts: dead-lettered ({})",
                exchange.getMessage().getHeader(HubHeaders.WEBHOOK_ID), exchange.getMessage().getHeader(HubHeaders.SOURCE),
                exchange.getMessage().getHeader(HubHeaders.BOOKING_ID), subscriber, attempts.attempt(exchange), reason);
        exchange.getMessage().setHeader(HubHeaders.FAILURE, reason);
    }
}
