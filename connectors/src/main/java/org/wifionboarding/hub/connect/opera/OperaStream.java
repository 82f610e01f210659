package org.wifionboarding.hub.connect.opera;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.mapping.Json;

/**
 * OHIP's streaming API as a {@link SourceConnector.Poller}: one GraphQL subscription
 * ({@code newEvent(input: {chainCode, hotelCode, offset, delta})}) over {@code graphql-transport-ws}
 * ({@code wss://<gateway>/subscriptions?key=<SHA-256 of the application key>}) per call, from the persisted
 * offset. It returns as soon as events have come (and a short linger for those right behind them), or after
 * the window with none, so the hub's clustered polling (one node per source, cursor persisted after each page
 * is on the broker) drives it like the REST poller: events flow within a moment while the window is open,
 * and a restart or another node resumes at the offset, without gaps; a repeat is absorbed by de-duplication
 * on {@code uniqueEventId}.
 */
final class OperaStream implements SourceConnector.Poller {

    static final String PROTOCOL = "graphql-transport-ws";
    /** Only fields the published schema has ({@code StreamingGraphQLSchema.json}: {@code EventHeader}, {@code Metadata}, {@code EventDetail}). */
    static final String QUERY = "subscription ($input: NewEventInput!) { newEvent(input: $input) { "
            + "metadata { offset uniqueEventId } moduleName eventName primaryKey timestamp hotelId "
            + "detail { elementName oldValue newValue } } }";

    private final URI uri;
    private final String appKey;
    private final String chainCode;
    private final String hotel;
    private final Function<Boolean, String> token;
    private final Duration window;
    private final Duration linger;
    private final int maxEvents;
    private final HttpClient client;

    OperaStream(String streamUrl, String appKey, String chainCode, String hotel, Function<Boolean, String> token, Duration window,
            Duration linger, int maxEvents) {
        this.uri = URI.create(streamUrl.replaceAll("/+$", "") + "?key=" + sha256(appKey));
        this.appKey = appKey;
        this.chainCode = chainCode;
        this.hotel = hotel;
        this.token = token;
        this.window = window;
        this.linger = linger;
        this.maxEvents = maxEvents;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SourceConnector.Page poll(String cursor) {
        try {
            return session(cursor, false);
        } catch (Unauthorized refused) {
            return session(cursor, true);   // the token was revoked or expired early: one new one, one more try
        }
    }

    private SourceConnector.Page session(String cursor, boolean renewToken) {
        Session session = new Session(cursor);
        WebSocket socket;
        try {
            socket = client.newWebSocketBuilder().subprotocols(PROTOCOL).connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, session).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new SourceUnavailableException("OPERA Cloud stream could not be opened: " + e.getCause(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("OPERA Cloud stream interrupted", null, e);
        }
        try {
            ObjectNode init = Json.MAPPER.createObjectNode().put("type", "connection_init");
            init.putObject("payload").put("Authorization", "Bearer " + token.apply(renewToken)).put("x-app-key", appKey);
            session.send(socket, init);
            long deadline = System.nanoTime() + window.toNanos();
            synchronized (session) {
                while (session.failure == null && !session.closed && session.events.size() < maxEvents) {
                    long now = System.nanoTime();
                    long until = session.firstAt == 0 ? deadline : Math.min(deadline, session.firstAt + linger.toNanos());
                    if (now >= until) {
                        break;
                    }
                    session.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - now)));
                }
                if (session.failure != null) {
                    throw session.failure;
                }
                List<JsonNode> events = List.copyOf(session.events);
                String next = events.isEmpty() ? cursor : events.get(events.size() - 1).at("/metadata/offset").asText(cursor);
                return new SourceConnector.Page(events, next, !events.isEmpty());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("OPERA Cloud stream interrupted", null, e);
        } finally {
            if (!session.closed) {
                session.send(socket, Json.MAPPER.createObjectNode().put("id", "1").put("type", "complete"));
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
    }

    /**
     * The subscription's input: this chain and hotel, only changes (delta), from the event after the one reached
     * ({@code offset} is "the message Offset you wish to start consuming from", so the next one is asked for).
     */
    ObjectNode subscribe(String cursor) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", "1").put("type", "subscribe");
        ObjectNode payload = message.putObject("payload").put("query", QUERY);
        ObjectNode input = payload.putObject("variables").putObject("input").put("hotelCode", hotel).put("delta", true);
        if (chainCode != null && !chainCode.isBlank()) {
            input.put("chainCode", chainCode);
        }
        if (cursor != null && cursor.matches("\\d{1,19}")) {
            input.put("offset", new java.math.BigInteger(cursor).add(java.math.BigInteger.ONE).toString());
        }
        return message;
    }

    /** What the server says, per the graphql-transport-ws protocol. */
    private final class Session implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final List<JsonNode> events = new ArrayList<>();
        private long firstAt;
        private boolean closed;
        private RuntimeException failure;
        private final String cursor;

        Session(String cursor) {
            this.cursor = cursor;
        }

        /** One send at a time (the JDK WebSocket refuses a send while another is pending): the listener's and the caller's are queued. */
        synchronized void send(WebSocket socket, JsonNode message) {
            try {
                socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                fail(new SourceUnavailableException("OPERA Cloud stream: could not send " + message.path("type").asText() + ": " + e, null, e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(socket, Json.MAPPER.readTree(text));
                } catch (IOException e) {
                    fail(new IllegalStateException("OPERA Cloud stream sent something that is not JSON", e));
                }
            }
            socket.request(1);
            return null;
        }

        private void handle(WebSocket socket, JsonNode message) {
            switch (message.path("type").asText()) {
                case "connection_ack" -> send(socket, subscribe(cursor));
                case "ping" -> send(socket, Json.MAPPER.createObjectNode().put("type", "pong"));
                case "next" -> {
                    JsonNode errors = message.at("/payload/errors");
                    if (errors.isArray() && !errors.isEmpty()) {
                        fail(new IllegalStateException("OPERA Cloud stream refused the subscription: " + errors.get(0).path("message").asText()));
                        return;
                    }
                    JsonNode event = message.at("/payload/data/newEvent");
                    if (!event.isMissingNode() && !event.isNull()) {
                        synchronized (this) {
                            if (firstAt == 0) {
                                firstAt = System.nanoTime();
                            }
                            events.add(event);
                            notifyAll();
                        }
                    }
                }
                case "error" -> fail(new IllegalStateException("OPERA Cloud stream refused the subscription: " + message.path("payload")));
                case "complete" -> close();
                default -> { }   // pong and anything newer: nothing to do
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            if (status == 4401 || status == 4403) {
                fail(new Unauthorized());
            } else if (status != WebSocket.NORMAL_CLOSURE && firstAt == 0) {
                fail(new SourceUnavailableException("OPERA Cloud stream closed: " + status + " " + reason, null, null));
            }
            close();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            fail(new SourceUnavailableException("OPERA Cloud stream failed: " + error, null, error));
        }

        private synchronized void close() {
            closed = true;
            notifyAll();
        }

        private synchronized void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
        }
    }

    /** The gateway closed with 4401/4403: the token was refused. */
    private static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super("OPERA Cloud stream: the token was refused", null, false, false);
        }
    }
}
