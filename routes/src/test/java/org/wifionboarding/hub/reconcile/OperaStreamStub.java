package org.wifionboarding.hub.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.wifionboarding.hub.mapping.Json;

/**
 * OHIP's streaming API on loopback: {@code /subscriptions?key=<SHA-256 of the app key>}, the
 * {@code graphql-transport-ws} protocol (connection_init with the bearer token and app key → connection_ack;
 * subscribe → every event after the input's offset as {@code next}, then new ones as they come; ping → pong;
 * complete), and 4403 for a wrong key or token. Records each subscription's input.
 */
final class OperaStreamStub implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final List<JsonNode> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<ServerWebSocket, Integer> live = new ConcurrentHashMap<>();

    OperaStreamStub(String appKey, String token) throws Exception {
        String key = "key=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(appKey.getBytes(StandardCharsets.UTF_8)));
        server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of("graphql-transport-ws")))
                .webSocketHandler(ws -> {
                    if (!"/subscriptions".equals(ws.path()) || !key.equals(ws.query())) {
                        ws.close((short) 4403, "Forbidden");
                        return;
                    }
                    ws.textMessageHandler(text -> {
                        try {
                            handle(ws, Json.MAPPER.readTree(text), appKey, token);
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            ws.close((short) 4400, "Not JSON");
                        }
                    });
                    ws.closeHandler(v -> live.remove(ws));
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void handle(ServerWebSocket ws, JsonNode message, String appKey, String token) {
        switch (message.path("type").asText()) {
            case "connection_init" -> {
                if (!("Bearer " + token).equals(message.at("/payload/Authorization").asText()) || !appKey.equals(message.at("/payload/x-app-key").asText())) {
                    ws.close((short) 4403, "Forbidden");
                } else {
                    ws.writeTextMessage("{\"type\":\"connection_ack\"}");
                }
            }
            case "subscribe" -> {
                JsonNode input = message.at("/payload/variables/input");
                subscriptions.add(input);
                int after = input.path("offset").asInt(0);
                synchronized (this) {
                    for (Map<String, Object> event : events) {
                        if (offset(event) > after) {
                            send(ws, event);
                        }
                    }
                    live.put(ws, after);
                }
            }
            case "ping" -> ws.writeTextMessage("{\"type\":\"pong\"}");
            case "complete" -> live.remove(ws);
            default -> ws.close((short) 4400, "Unknown message");
        }
    }

    private static int offset(Map<String, Object> event) {
        return Integer.parseInt((String) ((Map<?, ?>) event.get("metadata")).get("offset"));
    }

    private static void send(ServerWebSocket ws, Map<String, Object> event) {
        ObjectNode next = Json.MAPPER.createObjectNode().put("id", "1").put("type", "next");
        next.putObject("payload").putObject("data").set("newEvent", Json.MAPPER.valueToTree(event));
        ws.writeTextMessage(next.toString());
    }

    /** A reservation event, sent at once to every open subscription. */
    synchronized void reservationEvent(int offset, String reservation) {
        Map<String, Object> event = Map.of("metadata", Map.of("offset", String.valueOf(offset), "uniqueEventId", "EV-" + offset),
                "moduleName", "Reservation", "eventName", "NEW RESERVATION", "primaryKey", reservation, "hotelId", "HQLON");
        events.add(event);
        live.keySet().forEach(ws -> send(ws, event));
    }

    List<JsonNode> subscriptions() {
        return subscriptions;
    }

    String url() {
        return "ws://127.0.0.1:" + server.actualPort() + "/subscriptions";
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
