package org.wifionboarding.hub;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.springframework.jdbc.core.JdbcTemplate;

/** The real application, started in this JVM on free ports with a data directory of the test's, and driven over HTTP. */
public final class RunningHub implements AutoCloseable {

    public static final String GENERIC_TOKEN = "generic-test-token";
    public static final String MEWS_TOKEN = "mews-url-secret";
    public static final String ADMIN_TOKEN = "admin-test-token";
    /** The at-rest key of test hubs on a shared database (a shared database demands a configured key). */
    public static final String CRYPTO_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdCE=";

    private final Main main;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningHub(Main main, int httpPort, int managementPort) {
        this.main = main;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** Starts a hub with the test defaults (generic source on, quick redelivery) overridden by {@code overrides}. */
    public static RunningHub start(Path dataDir, Map<String, String> overrides) throws Exception {
        int httpPort = overrides.containsKey("hub.http.port") ? Integer.parseInt(overrides.get("hub.http.port")) : freePort();
        int managementPort = freePort();
        Map<String, String> properties = new HashMap<>();
        properties.put("hub.data-dir", dataDir.toString());
        properties.put("hub.http.port", String.valueOf(httpPort));
        properties.put("hub.http.host", "127.0.0.1");
        properties.put("hub.management.port", String.valueOf(managementPort));
        properties.put("hub.admin.token", ADMIN_TOKEN);
        properties.put("hub.sources.generic.token", GENERIC_TOKEN);
        properties.put("hub.broker.embedded.redelivery-delay-ms", "100");
        properties.put("hub.broker.embedded.max-delivery-attempts", "4");
        properties.put("hub.consumers", "2");
        properties.put("hub.smtp.port", "1");   // nothing listens: tests that deliver set their SMTP server
        if (overrides.containsKey("hub.db.url")) {
            properties.put("hub.crypto.key", CRYPTO_KEY);
        }
        properties.putAll(overrides);
        Main main = org.wifionboarding.hub.boot.Standalone.main();
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception | Error refused) {
            // a hub that refused to start must not leave its broker, database pool or port behind for the next test
            try {
                if (main.getCamelContext() != null) {
                    main.getCamelContext().stop();
                }
                main.stop();
            } catch (Exception cleanup) {
                refused.addSuppressed(cleanup);
            }
            throw refused;
        }
        return new RunningHub(main, httpPort, managementPort);
    }

    public int httpPort() {
        return httpPort;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(context().getRegistry().lookupByNameAndType(HubComponents.DATA_SOURCE, DataSource.class));
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /webhooks/generic} with the right token. */
    public HttpResponse<String> postGeneric(String json) throws IOException, InterruptedException {
        return post("/webhooks/generic", "application/json", json, "Authorization", "Bearer " + GENERIC_TOKEN);
    }

    public HttpResponse<String> getAdmin(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An admin call with any method and no body ({@code PUT}, {@code DELETE}); {@code token} null sends none. */
    public HttpResponse<String> admin(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the management port (health, metrics, Jolokia), with the given header name/value pairs. */
    public HttpResponse<String> management(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How many messages a queue of the hub's broker holds now, as a JMS browser counts them. */
    public int queueDepth(String queue) throws jakarta.jms.JMSException {
        jakarta.jms.ConnectionFactory factory = context().getComponent(org.wifionboarding.hub.HubComponents.JMS,
                org.apache.camel.component.jms.JmsComponent.class).getConfiguration().getConnectionFactory();
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            try (jakarta.jms.QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                return java.util.Collections.list(browser.getEnumeration()).size();
            }
        }
    }

    public HttpClient client() {
        return http;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    @Override
    public void close() {
        main.stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
