package org.wifionboarding.hub.deliver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * {@code POST /webhooks/callbacks/{provider}}: a provider's report on a message it was given, read by the provider's own
 * channel; an undelivered or failed message falls back to the next channel of the plan.
 */
public final class StatusCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(StatusCallbacks.class);

    private final BookingStore store;
    private final ChannelRegistry channels;
    private final Clock clock;
    private final Fallback fallback;

    public StatusCallbacks(DeliveryParts parts) {
        this.store = parts.store();
        this.channels = parts.channels();
        this.clock = parts.clock();
        this.fallback = new Fallback(parts);
    }

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
            fallback.next(exchange, new DeliveryParts.Ticket(key[0], key[1], attempt.get().token()), provider + " reported " + report.status()
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
}
