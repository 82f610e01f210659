package org.wifionboarding.hub.connect.mews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.wifionboarding.hub.mapping.Json;

/**
 * An HTTP stub of the Mews Connector API on loopback, answering in the shapes of Mews' own documentation
 * examples (templates under {@code src/test/resources/mews/}, with their provenance) and refusing what the
 * documentation refuses: {@code reservations/getAll/2023-06-06} (by {@code ReservationIds}, or by an
 * {@code UpdatedUtc} interval of at most three months, inclusive, newest first, the {@code Cursor} naming the
 * oldest returned), {@code customers/getAll} and {@code companionships/getAll} (both with their required
 * {@code Extent}), and {@code configuration/get}. {@code Limitation} is required everywhere but
 * {@code configuration/get}. A 2023-06-06 reservation has no {@code EnterpriseId}: the enterprise is the
 * access token's. Every request is kept so tests can assert what the hub sent; failures can be queued ahead.
 */
public final class MewsStub implements AutoCloseable {

    /** A queued failure: the status, an optional Retry-After, an optional delay before answering. */
    public record Failure(int status, String retryAfter, long delayMs) {
    }

    /** One request the hub made, and when it arrived. */
    public record Request(String path, JsonNode body, java.time.Instant at) {
    }

    public static final String ENTERPRISE = "851df8c8-90f2-4c4a-8e01-a4fc46b25178";

    private final HttpServer server;
    private final Map<String, JsonNode> reservations = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> customers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> companions = new ConcurrentHashMap<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    public MewsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/connector/v1/reservations/getAll/2023-06-06", ex -> answer(ex, this::reservations));
        server.createContext("/api/connector/v1/customers/getAll", ex -> answer(ex, this::customers));
        server.createContext("/api/connector/v1/companionships/getAll", ex -> answer(ex, this::companionships));
        server.createContext("/api/connector/v1/configuration/get", ex -> answer(ex, this::configuration));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A customer-owned reservation, from the documented 2023-06-06 example. */
    public MewsStub reservation(String id, String state, String customerId, String updatedUtc, String startUtc, String endUtc) {
        return reservation(id, state, customerId, "Customer", updatedUtc, startUtc, endUtc);
    }

    /** A reservation owned by a customer or, with {@code accountType} {@code Company}, a company. */
    public MewsStub reservation(String id, String state, String accountId, String accountType, String updatedUtc, String startUtc, String endUtc) {
        ObjectNode r = template("reservation-2023-06-06.json");
        r.put("Id", id).put("AccountId", accountId).put("AccountType", accountType).put("State", state).put("UpdatedUtc", updatedUtc)
                .put("StartUtc", startUtc).put("EndUtc", endUtc).put("ScheduledStartUtc", startUtc).put("ScheduledEndUtc", endUtc)
                .putNull("ActualStartUtc").putNull("ActualEndUtc").put("QrCodeData", "{}");
        if ("Started".equals(state) || "Processed".equals(state)) {
            r.put("ActualStartUtc", startUtc);
        }
        if ("Processed".equals(state)) {
            r.put("ActualEndUtc", endUtc);
        }
        reservations.put(id, r);
        return this;
    }

    public MewsStub customer(String id, String first, String last, String email, String phone, String language) {
        ObjectNode c = template("customer.json");
        c.put("Id", id).put("FirstName", first).put("LastName", last).put("Email", email).put("HasOtaEmail", false).put("Phone", phone)
                .put("LanguageCode", language).putNull("PreferredLanguageCode");
        customers.put(id, c);
        return this;
    }

    /** A companion of a reservation (companionships/getAll). */
    public MewsStub companion(String reservationId, String customerId) {
        companions.computeIfAbsent(reservationId, r -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(customerId);
        return this;
    }

    public MewsStub failNext(Failure failure) {
        failures.add(failure);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** What an operation answers: the status and the body; a refusal is {@code 400} with Mews' error shape. */
    private record Answer(int status, String body) {
        static Answer refuse(String message) {
            return new Answer(400, Json.MAPPER.createObjectNode().put("Message", message).put("RequestId", "stub").toString());
        }
    }

    private interface Operation {
        Answer answer(JsonNode body);
    }

    private void answer(HttpExchange exchange, Operation operation) throws IOException {
        try (exchange) {
            JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
            requests.add(new Request(exchange.getRequestURI().getPath(), body, Instant.now()));
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
                    || body.path("AccessToken").asText().isEmpty() || body.path("Client").asText().isEmpty()) {
                send(exchange, 401, "{\"Message\":\"Invalid ClientToken or AccessToken.\"}");
                return;
            }
            Answer answer = operation.answer(body);
            send(exchange, answer.status(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String limitationProblem(JsonNode body) {
        JsonNode limitation = body.path("Limitation");
        int count = limitation.path("Count").asInt(0);
        return limitation.isMissingNode() ? "Limitation is required" : count < 1 || count > 1000 ? "Limitation.Count must be 1 to 1000" : null;
    }

    private Answer reservations(JsonNode body) {
        String problem = limitationProblem(body);
        if (problem != null) {
            return Answer.refuse(problem);
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("Reservations");
        if (body.has("UpdatedUtc")) {
            Instant from;
            Instant to;
            try {
                from = Instant.parse(body.at("/UpdatedUtc/StartUtc").asText());
                to = Instant.parse(body.at("/UpdatedUtc/EndUtc").asText());
            } catch (RuntimeException e) {
                return Answer.refuse("UpdatedUtc must be an interval of UTC times (YYYY-MM-DDThh:mm:ssZ)");
            }
            if (Duration.between(from, to).compareTo(Duration.ofDays(92)) > 0) {
                return Answer.refuse("UpdatedUtc may span at most 3 months");
            }
            // inclusive interval, the most recent first; the cursor names the oldest returned (guidelines/pagination.md)
            int count = body.at("/Limitation/Count").asInt();
            String cursor = body.at("/Limitation/Cursor").asText(null);
            List<JsonNode> matching = new ArrayList<>(reservations.values().stream().filter(r -> {
                Instant updated = Instant.parse(r.path("UpdatedUtc").asText());
                return !updated.isBefore(from) && !updated.isAfter(to);
            }).sorted(Comparator.comparing((JsonNode r) -> r.path("UpdatedUtc").asText()).thenComparing(r -> r.path("Id").asText()).reversed())
                    .toList());
            int start = cursor == null ? 0 : matching.stream().map(r -> r.path("Id").asText()).toList().indexOf(cursor) + 1;
            matching.stream().skip(start).limit(count).forEach(list::add);
        } else {
            JsonNode ids = body.path("ReservationIds");
            if (ids.size() > 1000) {
                return Answer.refuse("ReservationIds: at most 1000");
            }
            ids.forEach(id -> {
                JsonNode found = reservations.get(id.asText());
                if (found != null) {
                    list.add(found);
                }
            });
        }
        if (list.isEmpty()) {
            result.putNull("Cursor");
        } else {
            result.put("Cursor", list.get(list.size() - 1).path("Id").asText());
        }
        return new Answer(200, result.toString());
    }

    private Answer customers(JsonNode body) {
        String problem = limitationProblem(body);
        if (problem != null || !body.path("Extent").isObject()) {
            return Answer.refuse(problem != null ? problem : "Extent is required");
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("Customers");
        body.path("CustomerIds").forEach(id -> {
            JsonNode found = customers.get(id.asText());
            if (found != null) {
                list.add(found);
            }
        });
        result.putNull("Cursor");
        return new Answer(200, result.toString());
    }

    private Answer companionships(JsonNode body) {
        String problem = limitationProblem(body);
        if (problem != null || !body.path("Extent").isObject()) {
            return Answer.refuse(problem != null ? problem : "Extent is required");
        }
        if (!body.has("ReservationIds") && !body.has("CustomerIds") && !body.has("ReservationGroupIds")) {
            return Answer.refuse("one of ReservationIds, CustomerIds, ReservationGroupIds is required");
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("Companionships");
        ArrayNode people = body.at("/Extent/Customers").asBoolean(false) ? result.putArray("Customers") : null;
        if (people == null) {
            result.putNull("Customers");
        }
        body.path("ReservationIds").forEach(id -> companions.getOrDefault(id.asText(), List.of()).forEach(customer -> {
            list.addObject().put("Id", java.util.UUID.nameUUIDFromBytes((id.asText() + customer).getBytes(StandardCharsets.UTF_8)).toString())
                    .put("CustomerId", customer).put("ReservationGroupId", "c704dff3-7811-4af7-a3a0-7b2b0635ac59").put("ReservationId", id.asText());
            if (people != null && customers.containsKey(customer)) {
                people.add(customers.get(customer));
            }
        }));
        result.putNull("Reservations");
        result.putNull("ReservationGroups");
        result.putNull("Cursor");
        return new Answer(200, result.toString());
    }

    private Answer configuration(JsonNode body) {
        ObjectNode answer = template("configuration-get.json");
        ((ObjectNode) answer.path("Enterprise")).put("Id", ENTERPRISE);
        return new Answer(200, answer.toString());
    }

    private static ObjectNode template(String name) {
        try (InputStream in = MewsStub.class.getResourceAsStream("/mews/" + name)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
