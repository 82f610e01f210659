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
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private HubMeters meters = HubMeters.NONE;

    public SubscriberDelivery(Subscribers subscribers, EventLog log, Clock clock) {
        subscribers.all().forEach(s -> byName.put(s.name(), s));
        this.log = log;
        this.clock = clock;
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

    /** One event for one subscriber, as its queue holds it. */
    public record Event(String source, String bookingId, int seq, int previous, String webhookId, String payload) {
    }

    /** The event of the consumed message. */
    public Event event(@Header(HubHeaders.SOURCE) String source, @Header(HubHeaders.BOOKING_ID) String bookingId,
            @Header(HubHeaders.EVENT_SEQUENCE) Integer seq, @Header(HubHeaders.EVENT_PREVIOUS) Integer previous,
            @Header(HubHeaders.WEBHOOK_ID) String webhookId, @Body String payload) {
        return new Event(source, bookingId, seq == null ? 0 : seq, previous == null ? 0 : previous, webhookId, payload);
    }

    /**
     * Posts the event, signed, unless the subscriber has taken it already; records that it took it.
     *
     * @throws SubscriberUnavailableException while the booking's previous event (for this subscriber) is not taken, or when
     *         the subscriber cannot be reached or answers other than 2xx: the broker tries again
     */
    public void deliver(@ExchangeProperty(HubHeaders.SUBSCRIBER) String subscriber, @Body Event event) throws IOException, InterruptedException {
        Subscriber s = byName.get(subscriber);
        String source = event.source();
        String bookingId = event.bookingId();
        int seq = event.seq();
        int previous = event.previous();
        String webhookId = event.webhookId();
        if (log.delivered(s.name(), source, bookingId, seq)) {
            LOG.debug("event {} already taken by subscriber {}", webhookId, s.name());
            return;
        }
        if (previous > 0 && !log.delivered(s.name(), source, bookingId, previous)) {
            meters.subscriber(s.name(), "waiting");
            throw new SubscriberUnavailableException("subscriber " + s.name() + ": event " + webhookId + " waits for the booking's event #" + previous);
        }
        String payload = event.payload();
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

    /**
     * The broker's last attempt failed too: the event is dead-lettered (replayable) by the route.
     *
     * @return the reason, for the dead letter's {@link HubHeaders#FAILURE}
     */
    public String givenUp(@ExchangeProperty(HubHeaders.SUBSCRIBER) String subscriber, @Header(HubHeaders.WEBHOOK_ID) String webhookId,
            @Header(HubHeaders.SOURCE) String source, @Header(HubHeaders.BOOKING_ID) String bookingId,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure, @ExchangeProperty(HubHeaders.BROKER_ATTEMPT) Integer attempt) {
        String reason = failure == null ? "unknown" : failure.getMessage();
        meters.subscriber(subscriber, "dead-lettered");
        LOG.warn("event {} of booking {}:{} given up for subscriber {} after {} attempts: dead-lettered ({})", webhookId, source, bookingId, subscriber,
                attempt == null ? 1 : attempt, reason);
        return reason;
    }
}
