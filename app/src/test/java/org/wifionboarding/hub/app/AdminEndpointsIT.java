package org.wifionboarding.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/**
 * Every endpoint of the OpenAPI document answers through the packaged jar (none is a route the jar lacks), and the
 * operations' own paths work there: a credential by hand, an erasure, the audit trail, the desk.
 */
class AdminEndpointsIT {

    static final String ADMIN = "admin-endpoints-admin-token-0123456789";
    static final String DESK = "admin-endpoints-desk-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    static Process hub;
    static int http;

    @BeforeAll
    static void start() throws Exception {
        http = RunningHub.freePort();
        int management = RunningHub.freePort();
        hub = PackagedHub.start(Map.of("HUB_DATA_DIR", work.resolve("data").toString(), "HUB_HTTP_PORT", String.valueOf(http),
                "HUB_HTTP_HOST", "127.0.0.1", "HUB_MANAGEMENT_PORT", String.valueOf(management), "HUB_ADMIN_TOKEN", ADMIN,
                "HUB_DESK_TOKEN", DESK, "HUB_SOURCES_GENERIC_TOKEN", "admin-endpoints-source", "HUB_SMTP_PORT", "1",
                "HUB_VENUES_PARIS_TIMEZONE", "Europe/Paris"), "384m", work.resolve("hub.log"));
        PackagedHub.awaitHealthy(management, "/observe/health/ready");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        hub.destroy();
        hub.waitFor();
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void every_documented_endpoint_is_served_by_the_jar() throws Exception {
        JsonNode document = JSON.readTree(call("GET", "/api/openapi.json", ADMIN, null).body());
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey().replace("{source}", "generic").replace("{bookingId}", "NONE").replace("{mac}", "00:11:22:33:44:55")
                    .replace("{id}", "0").replace("{queue}", "hub.inbound").replace("{file}", "desk.css").replace("{provider}", "twilio");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (method.equals("PARAMETERS") || (method.equals("DELETE") && concrete.startsWith("/api/dead-letters"))) {
                    continue;
                }
                String token = concrete.startsWith("/desk/api") ? DESK : concrete.startsWith("/api") ? ADMIN : null;
                HttpResponse<String> answer = call(method, concrete, token, method.equals("GET") || method.equals("DELETE") ? null : "{}");
                boolean served = answer.statusCode() < 500 && !answer.body().contains("Resource not found");
                if (!served) {
                    missing.add(method + " " + path.getKey() + " -> " + answer.statusCode());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void a_credential_by_hand_an_erasure_and_the_audit_trail_work_through_the_jar() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        HttpResponse<String> issued = call("POST", "/desk/api/credentials", DESK, "{\"venueId\":\"paris\",\"arrival\":\"" + today
                + "\",\"departure\":\"" + today.plusDays(1) + "\",\"guest\":{\"email\":\"walk.in@example.org\"}}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(JSON.readTree(issued.body()).path("passphrase").asText()).isNotBlank();

        HttpResponse<String> erased = call("POST", "/api/erasure", ADMIN, "{\"email\":\"walk.in@example.org\",\"revokeCredentials\":true}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(JSON.readTree(erased.body()).path("bookings").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(erased.body()).path("credentialsRevoked").asInt()).isEqualTo(1);

        String audit = call("GET", "/api/audit", ADMIN, null).body();
        assertThat(audit).contains("\"actor\":\"desk\",\"action\":\"issue-credential\"").contains("\"actor\":\"admin\",\"action\":\"erase-guest-data\"")
                .doesNotContain("walk.in");
        assertThat(call("GET", "/desk", null, null).body()).contains("/desk/assets/desk.js");
    }
}
