package org.wifionboarding.hub.ingest;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.connect.auth.WebhookRequest;
import org.wifionboarding.hub.store.ReviewStore;

/**
 * The checks a webhook must pass before its body is read: the source exists and is enabled (404), the
 * caller proves it is the source (401), the body is not too large (413, judged by Content-Length and,
 * for chunked bodies, by the body handler's limit) and is JSON (415). Runs on the Vert.x router ahead
 * of the Camel route, so a 50 MB or form-encoded body never reaches it.
 */
public final class WebhookGate extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookGate.class);
    public static final String PATH = "/webhooks/";
    /**
     * Providers' delivery reports, {@code /webhooks/callbacks/{provider}}: form-encoded, authenticated by the provider's
     * channel in the route (Twilio's signature), not a booking source.
     */
    public static final String CALLBACKS = "callbacks";
    /** Where Twilio accounts were pointed before {@link #CALLBACKS}: Twilio's reports, still taken here. */
    public static final String TWILIO_STATUS = "twilio-status";

    private final SourceRegistry sources;
    private final ReviewStore review;
    private final long maxBodyBytes;
    private final int port;
    private final String prefix;

    /** @param prefix {@code hub.http.path-prefix} in its normal form ({@code /hub}, or empty) */
    public WebhookGate(SourceRegistry sources, ReviewStore review, long maxBodyBytes, int port, String prefix) {
        this.prefix = prefix;
        this.sources = sources;
        this.review = review;
        this.maxBodyBytes = maxBodyBytes;
        this.port = port;
    }

    /** Until every route has started, and from the moment the hub begins to stop, webhooks and admin calls get 503. */
    private volatile boolean ready;

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        ready = event instanceof CamelEvent.CamelContextStartedEvent;
    }

    /** Whether the webhook and admin routes take requests (every route started, not stopping). */
    public boolean ready() {
        return ready;
    }

    /** Puts the gate on the public port's router; called before the port listens. */
    public void install(VertxPlatformHttpRouter router) {
        if (router == null) {
            throw new IllegalStateException("no platform-http router on port " + port);
        }
        // a route not yet registered (start) or already gone (stop) would answer 404 "Resource not found", which a
        // sender may take as "unknown source" and drop the event for good: 503 with Retry-After says "try again"
        router.route(prefix + PATH + "*").order(-101).handler(this::readiness);
        router.route(prefix + "/api/*").order(-101).handler(this::readiness);
        router.route(prefix + "/desk/api/*").order(-101).handler(this::readiness);
        router.route(prefix + PATH + "*").order(-100).handler(this::check);
        router.errorHandler(413, ctx -> answer(ctx, Problem.of(413, "Payload too large",
                "the body exceeds " + maxBodyBytes + " bytes")));
    }

    void readiness(RoutingContext ctx) {
        if (ready) {
            ctx.next();
        } else if (!ctx.response().ended()) {
            ctx.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Retry-After", "5")
                    .end(Problem.of(503, "Service unavailable", "the hub is starting or stopping; retry in a few seconds").toJson());
        }
    }

    void check(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        String name = ctx.normalizedPath().substring(prefix.length() + PATH.length()).split("/", 2)[0];
        if (name.equals(TWILIO_STATUS) || name.equals(CALLBACKS)) {
            String length = ctx.request().getHeader("content-length");
            if (length != null && parse(length) > maxBodyBytes) {
                answer(ctx, Problem.of(413, "Payload too large", "the body has " + length + " bytes; the limit is " + maxBodyBytes));
                return;
            }
            ctx.next();
            return;
        }
        SourceRegistry.Source source = sources.enabled(name);
        if (source == null) {
            answer(ctx, Problem.of(404, "Unknown source", "no enabled booking source is called '" + clip(name) + "'"));
            return;
        }
        Map<String, String> headers = new HashMap<>();
        ctx.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Map<String, String> query = new HashMap<>();
        ctx.queryParams().forEach(q -> query.put(q.getKey(), q.getValue()));
        if (!source.connector().authenticator().authenticate(new WebhookRequest(headers, query))) {
            LOG.warn("webhook for source {} refused: bad or missing credentials", source.name());
            answer(ctx, Problem.of(401, "Unauthorized", "the request does not carry this source's credentials"));
            return;
        }
        String length = headers.get("content-length");
        if (length != null && parse(length) > maxBodyBytes) {
            reject(ctx, source.name(), Problem.of(413, "Payload too large", "the body has " + length + " bytes; the limit is " + maxBodyBytes));
            return;
        }
        String type = headers.getOrDefault("content-type", "");
        if (!isJson(type) && !(source.connector().acceptsForm() && isForm(type))) {
            reject(ctx, source.name(), Problem.of(415, "Unsupported media type", "send the event as application/json, not '" + clip(type) + "'"));
            return;
        }
        ctx.next();
    }

    static boolean isForm(String contentType) {
        return contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private void reject(RoutingContext ctx, String source, Problem problem) {
        ctx.vertx().executeBlocking(() -> {
            review.keep(source, null, problem.status(), problem.reviewReason() + " (body not read)", null);
            return null;
        }, false).onComplete(done -> {
            if (done.failed()) {
                LOG.error("could not keep a review item for source {}: {}", source, done.cause().toString());
                answer(ctx, Problem.of(503, "Service unavailable", "the rejection could not be recorded; retry later"));
            } else {
                answer(ctx, problem);
            }
        });
    }

    private static void answer(RoutingContext ctx, Problem problem) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem.toJson());
        }
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String clip(String value) {
        String safe = value.replaceAll("[^\\w./+;= -]", "?");
        return safe.length() > 60 ? safe.substring(0, 60) + "…" : safe;
    }

    /** Names the provider of a status callback: {@code twilio} for {@code /webhooks/twilio-status}, else the segment after {@code callbacks/}. */
    public static void callbackProvider(org.apache.camel.Exchange exchange) {
        org.apache.camel.Message message = exchange.getMessage();
        String provider = "twilio";
        if (CALLBACKS.equals(message.getHeader("source", String.class))) {
            String uri = String.valueOf(message.getHeader(org.apache.camel.Exchange.HTTP_URI, ""));
            int at = uri.indexOf(PATH + CALLBACKS + "/");
            provider = at < 0 ? "" : uri.substring(at + PATH.length() + CALLBACKS.length() + 1).split("[/?#]", 2)[0];
        }
        message.setHeader(org.wifionboarding.hub.HubHeaders.CALLBACK_PROVIDER, provider);
    }
}
