package org.wifionboarding.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.InvalidBookingException;
import org.wifionboarding.hub.store.IngestLedger;
import org.wifionboarding.hub.window.StayWindow;

/**
 * The steps of {@code ingest-webhook} between the gate and the broker: read the request, check that
 * a fat event makes a booking, de-duplicate, and answer.
 *
 * <p>An event's hub id derives from its source and de-duplication key ({@link EventIdentity}), so every
 * copy of it, on any node, before or after a crash, carries the same id. De-duplication never records a
 * key before the durable send. Copies arriving at once on this node wait for the first and are told
 * "duplicate"; copies arriving at once on two nodes both reach the broker, whose duplicate detection
 * ({@code _AMQ_DUPL_ID} = the event id) keeps one atomically with the write, and if both are kept (the
 * broker's cache is bounded), the ledgers downstream name the same id for both and apply it once. The
 * 202 waits for the key's commit (batched with the other requests' keys), so "accepted" means "remembered".
 */
public final class WebhookIntake {

    private static final long KEY_COMMIT_WAIT_SECONDS = 5;

    private final SourceRegistry sources;
    private final VenueDirectory venues;
    private final IngestLedger ledger;
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();
    private final SchemaDrift drift;
    private org.wifionboarding.hub.observe.HubMeters meters = org.wifionboarding.hub.observe.HubMeters.NONE;

    /** Where webhooks answered are counted, per source and outcome. */
    public WebhookIntake meters(org.wifionboarding.hub.observe.HubMeters meters) {
        this.meters = meters;
        return this;
    }

    public WebhookIntake(SourceRegistry sources, VenueDirectory venues, IngestLedger ledger, SchemaDrift drift) {
        this.sources = sources;
        this.venues = venues;
        this.ledger = ledger;
        this.drift = drift;
    }

    /** Keeps the body and the source, and drops every request header so none reaches the broker or the answer. */
    public void receive(Exchange exchange) {
        String name = exchange.getMessage().getHeader("source", String.class);
        SourceRegistry.Source source = sources.enabled(name);
        if (source == null) {   // the gate answers this; a source disabled since is answered the same
            throw new WebhookRejection(Problem.of(404, "Unknown source", "no enabled booking source is called that"), false);
        }
        Object body = exchange.getMessage().getBody();
        byte[] payload = body instanceof Map<?, ?> form && source.connector().acceptsForm() ? formToJson(form)
                : exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(payload);
        exchange.setProperty(HubHeaders.PAYLOAD, payload == null ? new byte[0] : payload);
        exchange.getMessage().setHeader(HubHeaders.SOURCE, source.name());
        exchange.setProperty(HubHeaders.SCHEMA, source.mapper().schemaResource());
        exchange.setProperty(HubHeaders.PARSED, StrictJson.parse(payload));
        exchange.getMessage().setHeader(HubHeaders.RECEIVED_AT, System.currentTimeMillis());
    }

    /** A form (as platform-http hands it over) as JSON: {@code guest__email} and {@code guest.email} nest under {@code guest}. */
    static byte[] formToJson(Map<?, ?> form) {
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.MAPPER.createObjectNode();
        form.forEach((k, v) -> {
            Object value = v instanceof java.util.List<?> list ? (list.isEmpty() ? "" : list.get(0)) : v;
            String[] path = String.valueOf(k).split("__|\\.");
            com.fasterxml.jackson.databind.node.ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = node.get(path[i]);
                node = child instanceof com.fasterxml.jackson.databind.node.ObjectNode object ? object : node.putObject(path[i]);
            }
            String text = String.valueOf(value);
            if (!text.isEmpty()) {
                node.put(path[path.length - 1], text);
            }
        });
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registration check (GET): 200 for an enabled source and its credentials, 401 or 404 otherwise. */
    public void activation(Exchange exchange) {
        String name = exchange.getMessage().getHeader("source", String.class);
        SourceRegistry.Source source = sources.enabled(name);
        if (source == null) {
            throw new WebhookRejection(Problem.of(404, "Unknown source", "no enabled booking source is called that"), false);
        }
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getMessage().getHeaders().forEach((k, v) -> {
            if (v instanceof String value) {
                headers.put(k.toLowerCase(java.util.Locale.ROOT), value);
            }
        });
        Map<String, String> query = new java.util.HashMap<>();
        String raw = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        if (!source.connector().authenticator().authenticate(new org.wifionboarding.hub.connect.auth.WebhookRequest(headers, query))) {
            throw new WebhookRejection(Problem.of(401, "Unauthorized", "the request does not carry this source's credentials"), false);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody("{\"status\":\"ok\",\"source\":\"" + source.name() + "\"}");
    }

    /** A fat event must make a booking with a window now, so the sender learns at once what is wrong. */
    public void checkBooking(Exchange exchange) {
        SourceRegistry.Source source = sources.enabled(exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class));
        BookingSourceMapper mapper = source.mapper();
        JsonNode payload = exchange.getProperty(HubHeaders.PARSED, JsonNode.class);
        if (!mapper.inspect(payload).thin()) {
            String configuredVenue = source.connector().venue();
            java.time.Instant now = java.time.Instant.now();
            for (BookingEvent event : mapper.map("check", payload, null)) {
                Venue venue = venues.venue(configuredVenue != null ? configuredVenue : event.venueId());
                boolean ends = event.type() == EventType.CHECKED_OUT || event.type() == EventType.CANCELLED;
                if (ends && event.arrival() == null && event.departure() == null) {
                    continue;   // an ending without dates (a deleted reservation) keeps the stay's window
                }
                StayWindow window = StayWindow.resolve(event.arrival(), event.departure(), venue.times());
                if (!ends) {
                    venue.checkStay(window, now);
                }
            }
        }
        source.connector().validate(payload);
        // a source whose notifications identify nothing (Eventbrite's "order X changed") gets a fresh key per notification
        String key = !mapper.deduplicates() ? "unique:" + UUID.randomUUID()
                : mapper.sourceEventId(payload).orElseGet(() -> sha256(exchange.getProperty(HubHeaders.PAYLOAD, byte[].class)));
        BookingEvent.requirePrintable("eventId", key);
        exchange.getMessage().setHeader(HubHeaders.DEDUPE_KEY, key);
        exchange.getMessage().setHeader(HubHeaders.EVENT_ID, EventIdentity.of(source.name(), key));
    }

    /** Marks the exchange as a duplicate (property {@code hubDuplicateOf}) or claims the key on this node until the send ends. */
    public void deduplicate(Exchange exchange) throws InterruptedException {
        String source = exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class);
        String key = exchange.getMessage().getHeader(HubHeaders.DEDUPE_KEY, String.class);
        String eventId = exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class);
        String slot = source + ":" + key;
        CompletableFuture<String> mine = new CompletableFuture<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            CompletableFuture<String> first = inFlight.putIfAbsent(slot, mine);
            if (first == null) {
                String owner = ledger.owner(source, key).orElse(null);
                if (owner != null) {
                    release(slot, mine, owner);
                    exchange.setProperty(HubHeaders.DUPLICATE_OF, owner);
                    return;
                }
                exchange.getMessage().setHeader(HubHeaders.ARTEMIS_DUPLICATE_ID, eventId);   // the same for every copy, on every node
                exchange.setProperty(HubHeaders.INGEST_CLAIM, mine);
                // copies waiting here hear "duplicate" only from accepted(), after the durable send; an exchange that ends
                // any other way (a failed send answered 503 is a *handled* failure, so Camel reports it complete) lets them
                // try themselves: a copy told "duplicate" of an event the broker never stored would be lost for good
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange done) {
                        inFlight.remove(slot, mine);   // first, so a copy that wakes up finds the slot free
                        mine.completeExceptionally(new IllegalStateException("not accepted"));   // no-op once accepted
                    }
                });
                return;
            }
            try {
                exchange.setProperty(HubHeaders.DUPLICATE_OF, first.get(10, TimeUnit.SECONDS));
                return;
            } catch (ExecutionException failed) {
                // the first copy was not accepted: this one may be
            } catch (TimeoutException slow) {
                throw new IllegalStateException("an identical event is still being stored; retry", slow);
            }
        }
        throw new IllegalStateException("an identical event keeps failing to be stored; retry");
    }

    private void release(String slot, CompletableFuture<String> mine, String owner) {
        mine.complete(owner);
        inFlight.remove(slot, mine);
    }

    /**
     * After the durable send: record the key, and answer 202 once it is committed, so a sender that
     * heard "accepted" hears "duplicate" when it repeats, even after a crash. Should the database not
     * take the key in time, the event is accepted all the same (it is on disk in the broker, whose
     * duplicate detection and the normalise route's claim keep a repeat from making a second booking).
     */
    @SuppressWarnings("unchecked")
    public void accepted(Exchange exchange) {
        String source = exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class);
        drift.accepted(source);
        String eventId = exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class);
        try {
            ledger.remember(source, exchange.getMessage().getHeader(HubHeaders.DEDUPE_KEY, String.class), eventId).get(KEY_COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException notYet) {
            // accepted regardless: see above
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<?> claim = exchange.getProperty(HubHeaders.INGEST_CLAIM, CompletableFuture.class);
        if (claim != null) {
            ((CompletableFuture<String>) claim).complete(eventId);   // copies waiting on this node: "duplicate" of this one
        }
        meters.webhook(source, "accepted");
        answer(exchange, 202, "accepted", eventId);
    }

    /** How many copies of an event are waiting on this node for the first copy's send to end (for tests). */
    int waitingCopies(String source, String key) {
        CompletableFuture<String> first = inFlight.get(source + ":" + key);
        return first == null ? 0 : first.getNumberOfDependents();
    }

    public void duplicate(Exchange exchange) {
        meters.webhook(exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class), "duplicate");
        answer(exchange, 200, "duplicate", exchange.getProperty(HubHeaders.DUPLICATE_OF, String.class));
    }

    private static void answer(Exchange exchange, int status, String outcome, String eventId) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.MAPPER.createObjectNode().put("status", outcome).put("eventId", eventId).toString());
    }

    static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problem for a payload that cannot become a booking. */
    static Problem invalidBooking(InvalidBookingException e) {
        return new Problem(400, "Invalid booking", "the event does not describe a usable booking",
                java.util.List.of(new Problem.FieldError(e.field(), e.reason())));
    }
}
