package org.wifionboarding.hub.connect.mews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.wifionboarding.hub.mapping.Json;

/**
 * An HTTP stub of the Mews Connector API on loopback: {@code reservations/getAll/2023-06-06} and
 * {@code customers/getAll} answer from what the test put in, in Mews' documented shapes, and every
 * request is kept so tests can assert what the hub sent. Failures can be queued ahead of answers.
 */
public final class MewsStub implements AutoCloseable {

    /** A queued failure: the status, an optional Retry-After, an optional delay before answering. */
    public record Failure(int status, String retryAfter, long delayMs) {
    }

    /** One request the hub made, and when it arrived. */
    public record Request(String path, JsonNode body, java.time.Instant at) {
    }

    private final HttpServer server;
    private final Map<String, JsonNode> reservations = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> customers = new ConcurrentHashMap<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    public MewsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/connector/v1/reservations/getAll/2023-06-06", ex -> answer(ex, "ReservationIds", reservations, "Reservations"));
        server.createContext("/api/connector/v1/customers/getAll", ex -> answer(ex, "CustomerIds", customers, "Customers"));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public MewsStub reservation(String id, String state, String customerId, String updatedUtc, String startUtc, String endUtc) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("Id", id).put("EnterpriseId", "ent-1").put("AccountId", customerId).put("AccountType", "Customer")
                .put("State", state).put("UpdatedUtc", updatedUtc).put("ScheduledStartUtc", startUtc).put("ScheduledEndUtc", endUtc)
                .put("Number", "1").putNull("ActualStartUtc");
        reservations.put(id, r);
        return this;
    }

    public MewsStub customer(String id, String first, String last, String email, String phone, String language) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("Id", id).put("FirstName", first).put("LastName", last).put("Email", email).put("Phone", phone).put("LanguageCode", language);
        customers.put(id, c);
        return this;
    }

    public MewsStub failNext(Failure failure) {
        failures.add(failure);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange, String idsField, Map<String, JsonNode> store, String listName) throws IOException {
        try (exchange) {
            JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
            requests.add(new Request(exchange.getRequestURI().getPath(), body, java.time.Instant.now()));
            Failure failure = failures.poll();
            if (failure != null) {
                if (failure.delayMs() > 0) {
                    Thread.sleep(failure.delayMs());
                }
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), "{\"Message\":\"stubbed failure\"}");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || body.path("ClientToken").asText().isEmpty()
                    || body.path("AccessToken").asText().isEmpty()) {
                send(exchange, 401, "{\"Message\":\"Invalid ClientToken or AccessToken.\"}");
                return;
            }
            ObjectNode result = Json.MAPPER.createObjectNode();
            ArrayNode list = result.putArray(listName);
            if (body.has("UpdatedUtc")) {
                // reservations updated in [StartUtc, EndUtc), oldest first, a page at a time after the cursor (the last id sent)
                java.time.Instant from = java.time.Instant.parse(body.at("/UpdatedUtc/StartUtc").asText());
                java.time.Instant to = java.time.Instant.parse(body.at("/UpdatedUtc/EndUtc").asText());
                int count = body.at("/Limitation/Count").asInt(100);
                String after = body.at("/Limitation/Cursor").asText(null);
                List<JsonNode> matching = store.values().stream().filter(r -> {
                    java.time.Instant updated = java.time.Instant.parse(r.path("UpdatedUtc").asText());
                    return !updated.isBefore(from) && updated.isBefore(to);
                }).sorted(java.util.Comparator.comparing((JsonNode r) -> r.path("UpdatedUtc").asText()).thenComparing(r -> r.path("Id").asText())).toList();
                int start = after == null ? 0 : matching.stream().map(r -> r.path("Id").asText()).toList().indexOf(after) + 1;
                matching.stream().skip(start).limit(count).forEach(list::add);
                if (list.isEmpty()) {
                    result.putNull("Cursor");
                } else {
                    result.put("Cursor", list.get(list.size() - 1).path("Id").asText());
                }
                send(exchange, 200, result.toString());
                return;
            }
            for (JsonNode id : body.path(idsField)) {
                JsonNode found = store.get(id.asText());
                if (found != null) {
                    list.add(found);
                }
            }
            result.putNull("Cursor");
            send(exchange, 200, result.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
