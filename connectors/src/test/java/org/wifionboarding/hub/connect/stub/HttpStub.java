package org.wifionboarding.hub.connect.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wifionboarding.hub.mapping.Json;

/**
 * A loopback HTTP server for vendor stubs: routes by method and path pattern to handlers that answer
 * in the vendor's documented shapes, keeps every request (with its arrival time) for assertions, and
 * can be told to fail the next requests (status, {@code Retry-After}, body, delay) before answering.
 */
public class HttpStub implements AutoCloseable {

    /** A request as it arrived. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body, Instant at) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    /** An answer. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply json(int status, Object body) {
            try {
                return new Reply(status, Map.of("Content-Type", "application/json"),
                        body == null ? "" : body instanceof String s ? s : Json.MAPPER.writeValueAsString(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public Reply with(String header, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(header, value);
            return new Reply(status, all, body);
        }
    }

    /** A queued failure: answered instead of the next matching request. */
    public record Failure(String method, int status, String retryAfter, String body, long delayMs) {
    }

    /** Answers one request; {@code path} groups are the pattern's. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request, Matcher path) throws Exception;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    /**
     * The validator key to ignore for vendors whose own examples and docs write times as {@code "2021-07-08 11:15:38.0"} or
     * {@code "2015-12-31 23:59:59"} where their schema says {@code format: date-time} (OHIP's examples, Cloudbeds' "Tech Specs"):
     * the stubs answer as the vendors document their answers.
     */
    public static final String EXAMPLE_TIMES = "validation.response.body.schema.format";

    private final HttpServer server;
    private final Map<String, com.atlassian.oai.validator.OpenApiInteractionValidator> contracts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Queue<Failure> redirects = new ConcurrentLinkedQueue<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    static {
        // the JDK server writes headers and body apart; without TCP_NODELAY, Nagle and the client's delayed ACK add 40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public HttpStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::serve);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * From now on every request is checked against the vendor's published specification (a classpath resource under
     * {@code contracts/}), with {@code basePath} (the spec's, e.g. {@code /rsv/v1}) taken off the path: one the vendor's
     * API would refuse is answered 400 with the report, and every answer of this stub is checked too; both are
     * recorded as {@link #contractViolations()}. {@code ignored} names validator message keys a vendor's own examples
     * contradict ({@link #EXAMPLE_TIMES}).
     */
    public HttpStub contract(String specResource, String basePath, String... ignored) {
        try (java.io.InputStream in = HttpStub.class.getResourceAsStream("/contracts/" + specResource)) {
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            com.atlassian.oai.validator.report.LevelResolver.Builder levels = com.atlassian.oai.validator.report.LevelResolver.create();
            for (String key : ignored) {
                levels.withLevel(key, com.atlassian.oai.validator.report.ValidationReport.Level.IGNORE);
            }
            com.atlassian.oai.validator.OpenApiInteractionValidator validator = com.atlassian.oai.validator.OpenApiInteractionValidator
                    .createForInlineApiSpecification(spec).withBasePathOverride(basePath).withLevelResolver(levels.build()).build();
            // the validator's schema machinery loads on first use (seconds on a busy machine): here, not inside a client's timeout
            validator.validateRequest(new com.atlassian.oai.validator.model.SimpleRequest.Builder("POST", basePath + "/warm-up")
                    .withContentType("application/x-www-form-urlencoded").withBody("a=1").build());
            contracts.put(basePath, validator);
            return this;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no contract " + specResource, e);
        }
    }

    /**
     * Validates one request of the given shape against the contract now, so the validator's lazily loaded parts (its
     * ECMA 262 regex engine among them: seconds on a busy machine) load here and not inside a client's timeout.
     */
    public HttpStub warmContract(String method, String path, String contentType, String body) {
        com.atlassian.oai.validator.OpenApiInteractionValidator validator = contractFor(
                new Request(method, path, null, Map.of(), body, Instant.now()));
        if (validator != null) {
            validator.validateRequest(new com.atlassian.oai.validator.model.SimpleRequest.Builder(method, path)
                    .withContentType(contentType).withBody(body).build());
        }
        return this;
    }

    /** The 400 for a request the vendor's contract refuses, in the vendor's error shape where a stand-in knows it. */
    protected Reply contractRefusal(String report) {
        return Reply.json(400, Map.of("title", "refused by the vendor's published contract", "detail", report));
    }

    /** What broke the vendor's contract: requests the hub made that the API would refuse, and answers this stub should not give. */
    public List<String> contractViolations() {
        return List.copyOf(violations);
    }

    private com.atlassian.oai.validator.model.SimpleRequest contractRequest(Request request) {
        com.atlassian.oai.validator.model.SimpleRequest.Builder builder =
                new com.atlassian.oai.validator.model.SimpleRequest.Builder(request.method(), request.path());
        request.headers().forEach((name, values) -> builder.withHeader(name, values));
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                builder.withQueryParam(name, eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!request.body().isEmpty()) {
            builder.withBody(request.body());
        }
        return builder.build();
    }

    /** The contract whose base path the request's path is under, or null. */
    private com.atlassian.oai.validator.OpenApiInteractionValidator contractFor(Request request) {
        return contracts.entrySet().stream().filter(e -> request.path().startsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private void checkAnswer(com.atlassian.oai.validator.OpenApiInteractionValidator contract, Request request, Reply reply) {
        com.atlassian.oai.validator.model.SimpleResponse.Builder response = new com.atlassian.oai.validator.model.SimpleResponse.Builder(reply.status());
        reply.headers().forEach(response::withHeader);
        if (!reply.body().isEmpty()) {
            response.withBody(reply.body());
        }
        com.atlassian.oai.validator.report.ValidationReport report = contract.validateResponse(request.path(),
                com.atlassian.oai.validator.model.Request.Method.valueOf(request.method()), response.build());
        if (report.hasErrors()) {
            violations.add("answer to " + request.method() + " " + request.path() + ": " + summary(report));
        }
    }

    private static String summary(com.atlassian.oai.validator.report.ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == com.atlassian.oai.validator.report.ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).limit(5).toList().toString();
    }

    public HttpStub on(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    /** The next request with this method is sent elsewhere: {@code status} (301, 302, 307, 308) with this {@code Location}. */
    public HttpStub redirectNext(String method, int status, String location) {
        redirects.add(new Failure(method, status, location, "", 0));
        return this;
    }

    /** The next request with this method (any, when null) gets this failure instead of its answer. */
    public HttpStub failNext(String method, int status, String retryAfter, String body, long delayMs) {
        failures.add(new Failure(method, status, retryAfter, body, delayMs));
        return this;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body, Instant.now());
            requests.add(request);
            Reply reply = failure(request.method());
            com.atlassian.oai.validator.OpenApiInteractionValidator contract = contractFor(request);
            if (reply == null && contract != null) {
                com.atlassian.oai.validator.report.ValidationReport report = contract.validateRequest(contractRequest(request));
                if (report.hasErrors()) {
                    violations.add(request.method() + " " + request.path() + ": " + summary(report));
                    reply = contractRefusal(summary(report));
                }
            }
            if (reply == null) {
                reply = route(request);
                if (contract != null && reply.status() < 500) {
                    checkAnswer(contract, request, reply);
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private Reply failure(String method) {
        for (Failure r : redirects) {
            if (r.method().equals(method) && redirects.remove(r)) {
                return new Reply(r.status(), Map.of("Location", r.retryAfter()), "");
            }
        }
        for (Failure f : failures) {
            if ((f.method() == null || f.method().equals(method)) && failures.remove(f)) {
                if (f.delayMs() > 0) {
                    try {
                        Thread.sleep(f.delayMs());   // a slow vendor, the thing under test
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Reply reply = Reply.json(f.status(), f.body() == null ? "" : f.body());
                return f.retryAfter() == null ? reply : reply.with("Retry-After", f.retryAfter());
            }
        }
        return null;
    }

    private Reply route(Request request) {
        for (Route route : routes) {
            Matcher m = route.path().matcher(request.path());
            if (route.method().equals(request.method()) && m.matches()) {
                try {
                    return route.handler().handle(request, m);
                } catch (Exception e) {
                    return Reply.json(500, Map.of("error", e.toString()));
                }
            }
        }
        return Reply.json(404, Map.of("errors", List.of("Not found")));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
