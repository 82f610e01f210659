package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.config.HubOptions;
import org.wifionboarding.hub.mapping.Json;

/** {@code hub.http.path-prefix}: every webhook and admin endpoint moves under it, and nothing answers outside it. */
class PathPrefixTest {

    @TempDir
    static Path dataDir;
    static RunningHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = RunningHub.start(dataDir, Map.of("hub.http.path-prefix", "/guest-wifi/"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void webhooks_and_the_admin_api_answer_under_the_prefix_and_not_outside_it() throws Exception {
        String event = generic("pp-1", "confirmed", Instant.now().toString(), "default", "BK-PP", "2026-12-20", "2026-12-22");
        assertThat(hub.post("/guest-wifi/webhooks/generic", "application/json", event, "Authorization", "Bearer " + RunningHub.GENERIC_TOKEN)
                .statusCode()).isEqualTo(202);
        assertThat(hub.post("/webhooks/generic", "application/json", event, "Authorization", "Bearer " + RunningHub.GENERIC_TOKEN).statusCode())
                .isEqualTo(404);
        var unknown = hub.post("/guest-wifi/webhooks/nosuch", "application/json", event);
        assertThat(unknown.statusCode()).as("the gate runs under the prefix").isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/guest-wifi/api/bookings/generic/BK-PP").statusCode() == 200);
        assertThat(hub.getAdmin("/api/bookings/generic/BK-PP").statusCode()).isEqualTo(404);
        assertThat(hub.admin("GET", "/guest-wifi/api/bookings/generic/BK-PP", null).statusCode()).isEqualTo(401);

        var openApi = Json.MAPPER.readTree(hub.getAdmin("/guest-wifi/api/openapi.json").body());
        assertThat(openApi.at("/servers/0/url").asText()).isEqualTo("/guest-wifi");
        assertThat(openApi.path("paths").has("/webhooks/{source}")).isTrue();
    }

    @Test
    void a_prefix_is_written_one_way_and_refused_when_it_is_not_a_path() {
        assertThat(HubOptions.pathPrefix("")).isEmpty();
        assertThat(HubOptions.pathPrefix("/")).isEmpty();
        assertThat(HubOptions.pathPrefix("hub")).isEqualTo("/hub");
        assertThat(HubOptions.pathPrefix("/hub/v1/")).isEqualTo("/hub/v1");
        assertThatThrownBy(() -> HubOptions.pathPrefix("/hub?x=1")).hasMessageContaining("hub.http.path-prefix");
    }
}
