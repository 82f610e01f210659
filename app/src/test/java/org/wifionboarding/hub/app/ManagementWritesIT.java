package org.wifionboarding.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/**
 * The authenticated write setup of docs/operations.md, through the packaged jar: with the management port's
 * authentication on and a Jolokia policy that allows operations ahead of the jar, Jolokia answers only with the
 * operator's password and then runs operations; health and metrics stay open to the loopback scraper.
 */
class ManagementWritesIT {

    static final String EXEC = "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}";

    @TempDir
    Path work;

    @Test
    void jolokia_takes_operations_only_from_an_authenticated_operator_when_so_configured() throws Exception {
        Path policy = Files.createDirectories(work.resolve("jolokia"));
        String readOnly;
        try (InputStream in = ManagementWritesIT.class.getResourceAsStream("/jolokia-access.xml")) {
            readOnly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(policy.resolve("jolokia-access.xml"),
                readOnly.replace("<command>read</command>", "<command>read</command>\n        <command>exec</command>\n        <command>write</command>"));
        Path users = work.resolve("management-users.properties");
        Files.writeString(users, "user.ops=correct-horse-battery-staple,operator\nrole.operator=*\n");
        int management = RunningHub.freePort();
        Process hub = PackagedHub.start(Map.of("HUB_DATA_DIR", work.resolve("data").toString(), "HUB_HTTP_PORT", String.valueOf(RunningHub.freePort()),
                "HUB_MANAGEMENT_PORT", String.valueOf(management), "HUB_ADMIN_TOKEN", "management-writes-admin-token-0123456789",
                "CAMEL_MANAGEMENT_AUTHENTICATIONENABLED", "true", "CAMEL_MANAGEMENT_AUTHENTICATIONPATH", "/observe/jolokia/*",
                "CAMEL_MANAGEMENT_BASICPROPERTIESFILE", users.toString()), "384m", work.resolve("hub.log"), policy);
        try {
            PackagedHub.awaitHealthy(management, "/observe/health/ready");
            HttpClient http = HttpClient.newHttpClient();
            URI jolokia = URI.create("http://127.0.0.1:" + management + "/observe/jolokia");
            String operator = "Basic " + Base64.getEncoder().encodeToString("ops:correct-horse-battery-staple".getBytes(StandardCharsets.UTF_8));
            String wrong = "Basic " + Base64.getEncoder().encodeToString("ops:guess".getBytes(StandardCharsets.UTF_8));

            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(jolokia).POST(HttpRequest.BodyPublishers.ofString(EXEC)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(jolokia).header("Authorization", wrong).POST(HttpRequest.BodyPublishers.ofString(EXEC)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(jolokia).header("Authorization", operator)
                    .POST(HttpRequest.BodyPublishers.ofString(EXEC)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("\"status\":200");
            assertThat(Files.readString(work.resolve("hub.log"))).doesNotContain("correct-horse-battery-staple");
        } finally {
            hub.destroy();
            hub.waitFor();
        }
    }
}
