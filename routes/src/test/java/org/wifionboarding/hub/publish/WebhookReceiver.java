package org.wifionboarding.hub.publish;

import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A subscriber's endpoint on loopback, as a receiver would write it with Standard Webhooks' reference library: it
 * verifies every request's signature (a request that does not verify is answered 401 and counted), then answers
 * {@link #status} (settable: 503 makes it a failing subscriber).
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String webhookId, String timestamp, String body, boolean verified) {
    }

    private final HttpServer server;
    private final String secret;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public volatile int status = 204;

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean verified;
            try {
                new Webhook(this.secret).verify(body, Map.of(
                        "webhook-id", List.of(header(exchange, "webhook-id")),
                        "webhook-timestamp", List.of(header(exchange, "webhook-timestamp")),
                        "webhook-signature", List.of(header(exchange, "webhook-signature"))));
                verified = true;
            } catch (Exception refused) {
                verified = false;
            }
            received.add(new Received(header(exchange, "webhook-id"), header(exchange, "webhook-timestamp"), body, verified));
            exchange.sendResponseHeaders(verified ? status : 401, -1);
            exchange.close();
        });
        server.start();
    }

    private static String header(com.sun.net.httpserver.HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
