package org.wifionboarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/** Cvent's side of the contract: the activation GET, the token header, and the event type and message id it appends to the URL. */
class CventWebhookTest {

    static final String TOKEN = "cvent-shared-token-42";

    @TempDir
    Path dataDir;

    @Test
    void activation_get_answers_200_with_the_token_and_posts_may_carry_cvents_path_suffix() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.cvent.token", TOKEN, "hub.sources.cvent.venue", "boston-expo",
                "hub.venues.boston-expo.timezone", "America/New_York"))) {
            assertThat(get(hub, "/webhooks/cvent", TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(hub, "/webhooks/cvent/InviteeOrGuestRegistered/activation", TOKEN).statusCode()).isEqualTo(200);
            HttpResponse<String> anonymous = get(hub, "/webhooks/cvent", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(get(hub, "/webhooks/nobody", TOKEN).statusCode()).isEqualTo(404);

            String body = Files.readString(Path.of("..", "transforms", "src", "test", "resources", "fixtures", "cvent",
                    "cancelled-unknown-zone-name.json"));
            assertThat(hub.post("/webhooks/cvent/InviteeOrGuestCancelled/m-1", "application/json", body, "Authorization", "wrong").statusCode())
                    .isEqualTo(401);
            assertThat(hub.post("/webhooks/cvent/InviteeOrGuestCancelled/m-1", "application/json", body, "Authorization", TOKEN).statusCode())
                    .isEqualTo(202);
            assertThat(hub.post("/webhooks/cvent/InviteeOrGuestCancelled/m-1", "application/json", body, "Authorization", TOKEN).statusCode())
                    .as("Cvent retries the same message").isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    hub.getAdmin("/api/bookings/cvent/R2D2C3PO").statusCode() == 200);
            // the configured venue's zone reads the event's local times: 09:30 in Boston
            assertThat(hub.getAdmin("/api/bookings/cvent/R2D2C3PO").body()).contains("\"venueId\":\"boston-expo\"")
                    .contains("\"validFrom\":\"2026-11-20T14:30:00Z\"");
        }
    }

    private static HttpResponse<String> get(RunningHub hub, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path)).GET();
        if (token != null) {
            request.header("Authorization", token);
        }
        return hub.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
