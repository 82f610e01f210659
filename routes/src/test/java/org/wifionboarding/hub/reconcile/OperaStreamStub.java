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
 * subscribe → every event from the input's offset on as {@code next} ("the message Offset you wish to start
 * consuming from"), then new ones as they come; ping → pong; complete), 4401 for a wrong token (as Oracle's
 * GraphiQL page shows). Each subscription's query is validated against Oracle's published schema
 * ({@code contracts/ohip/streaming.schema.json}, graphql-java): a field the schema lacks is a GraphQL error,
 * as the gateway would answer. Events carry every non-null field of {@code EventHeader}. Records each input.
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
                        ws.reject(400);   // "Unexpected server response: 400 - Incorrect key or URL" (graphiql.html)
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
                    ws.close((short) 4401, "Unauthorised - Invalid credentials");
                } else {
                    ws.writeTextMessage("{\"type\":\"connection_ack\"}");
                }
            }
            case "subscribe" -> {
                String refused = validate(message.at("/payload/query").asText());
                if (refused != null) {
                    ws.writeTextMessage("{\"id\":\"1\",\"type\":\"error\",\"payload\":[{\"message\":" + Json.MAPPER.valueToTree(refused) + "}]}");
                    queryErrors.add(refused);
                    return;
                }
                JsonNode input = message.at("/payload/variables/input");
                subscriptions.add(input);
                int from = input.path("offset").asInt(0);
                synchronized (this) {
                    for (Map<String, Object> event : events) {
                        if (offset(event) >= from) {
                            send(ws, event);
                        }
                    }
                    live.put(ws, from);
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
                "moduleName", "Reservation", "eventName", "NEW RESERVATION", "primaryKey", reservation, "hotelId", "HQLON",
                "timestamp", java.time.Instant.now().toString(), "detail", List.of(Map.of("elementName", "RESERVATION STATUS", "oldValue", "",
                        "newValue", "RESERVED")));
        events.add(event);
        live.keySet().forEach(ws -> send(ws, event));
    }

    private static final graphql.schema.GraphQLSchema SCHEMA = schema();
    private final List<String> queryErrors = new CopyOnWriteArrayList<>();

    /** Oracle's published streaming schema (an introspection result), as graphql-java can validate against. */
    private static graphql.schema.GraphQLSchema schema() {
        try (java.io.InputStream in = OperaStreamStub.class.getResourceAsStream("/contracts/ohip/streaming.schema.json")) {
            JsonNode root = Json.MAPPER.readTree(in);
            com.fasterxml.jackson.databind.node.ObjectNode introspection = (com.fasterxml.jackson.databind.node.ObjectNode) (root.has("data") ? root.get("data") : root);
            // the published result names a mutation type it does not define: drop the name, keep everything else
            com.fasterxml.jackson.databind.node.ObjectNode schema = (com.fasterxml.jackson.databind.node.ObjectNode) introspection.path("__schema");
            String mutation = schema.at("/mutationType/name").asText(null);
            boolean defined = false;
            for (JsonNode type : schema.path("types")) {
                defined |= type.path("name").asText().equals(mutation);
            }
            if (!defined) {
                schema.putNull("mutationType");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = Json.MAPPER.convertValue(introspection, Map.class);
            graphql.language.Document sdl = new graphql.introspection.IntrospectionResultToSchema().createSchemaDefinition(result);
            graphql.schema.idl.TypeDefinitionRegistry types = new graphql.schema.idl.SchemaParser().buildRegistry(sdl);
            return graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Null when the query is valid against the published schema, else the first error. */
    static String validate(String query) {
        try {
            graphql.language.Document document = new graphql.parser.Parser().parseDocument(query);
            List<graphql.validation.ValidationError> errors = new graphql.validation.Validator().validateDocument(SCHEMA, document,
                    java.util.Locale.ROOT);
            return errors.isEmpty() ? null : errors.get(0).getMessage();
        } catch (graphql.parser.InvalidSyntaxException e) {
            return e.getMessage();
        }
    }

    /** The subscriptions the schema refused (a query naming a field the schema lacks). */
    List<String> queryErrors() {
        return queryErrors;
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
