package org.wifionboarding.hub.connect.apaleo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.auth.WebhookRequest;
import org.wifionboarding.hub.connect.stub.HttpStub;

/** Apaleo's identity server and booking API as a stub: client-credentials token cached and renewed, Basic auth on webhooks. */
class ApaleoConnectorTest {

    @Test
    void the_reservation_is_fetched_with_a_cached_token_renewed_when_it_is_refused() throws Exception {
        Set<String> valid = ConcurrentHashMap.newKeySet();
        AtomicInteger issued = new AtomicInteger();
        try (HttpStub apaleo = new HttpStub()) {
            String basic = "Basic " + Base64.getEncoder().encodeToString("wifi-hub:client-secret".getBytes(StandardCharsets.UTF_8));
            apaleo.on("POST", "/connect/token", (r, m) -> {
                if (!basic.equals(r.header("Authorization")) || !r.body().contains("grant_type=client_credentials")) {
                    return HttpStub.Reply.json(400, Map.of("error", "invalid_client"));
                }
                String token = "tok-" + issued.incrementAndGet();
                valid.add(token);
                return HttpStub.Reply.json(200, Map.of("access_token", token, "expires_in", 3600, "token_type", "Bearer"));
            });
            apaleo.on("GET", "/booking/v1/reservations/([A-Z0-9-]+)", (r, m) -> valid.contains(r.header("Authorization").substring(7))
                    ? HttpStub.Reply.json(200, Map.of("id", m.group(1), "status", "Confirmed"))
                    : HttpStub.Reply.json(401, Map.of("message", "Unauthorized")));
            Map<String, String> values = Map.of("hub.sources.apaleo.username", "apaleo-hook", "hub.sources.apaleo.password", "hook-password",
                    "hub.sources.apaleo.api-url", apaleo.url(), "hub.sources.apaleo.identity-url", apaleo.url(),
                    "hub.sources.apaleo.client-id", "wifi-hub", "hub.sources.apaleo.client-secret", "client-secret", "hub.sources.apaleo.timeout", "PT2S");
            SourceConnector connector = new ApaleoConnectorFactory().create(o -> values.getOrDefault(o.key(), o.defaultValue()));

            assertThat(connector.fetch(List.of("QWERTYU-1")).path("status").asText()).isEqualTo("Confirmed");
            assertThat(connector.fetch(List.of("QWERTYU-2")).path("id").asText()).isEqualTo("QWERTYU-2");
            assertThat(issued.get()).as("the token is reused").isEqualTo(1);
            valid.clear();   // revoked
            assertThat(connector.fetch(List.of("QWERTYU-3")).path("id").asText()).isEqualTo("QWERTYU-3");
            assertThat(issued.get()).isEqualTo(2);

            apaleo.failNext("GET", 503, "15", "{\"message\": \"maintenance\"}", 0);
            assertThatThrownBy(() -> connector.fetch(List.of("QWERTYU-4")))
                    .isInstanceOfSatisfying(SourceUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15)));

            String hook = "Basic " + Base64.getEncoder().encodeToString("apaleo-hook:hook-password".getBytes(StandardCharsets.UTF_8));
            assertThat(connector.authenticator().authenticate(new WebhookRequest(Map.of("authorization", hook), Map.of()))).isTrue();
            assertThat(connector.authenticator().authenticate(new WebhookRequest(Map.of("authorization", basic), Map.of()))).isFalse();
            assertThat(connector.authenticator().authenticate(new WebhookRequest(Map.of(), Map.of()))).isFalse();
        }
    }

    @Test
    void reconciliation_lists_the_reservations_modified_in_the_window_page_by_page_with_their_versions() throws Exception {
        java.util.List<Map<String, Object>> modified = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            modified.add(Map.of("id", "RES-" + i, "status", "Confirmed", "modified", "2026-11-28T10:" + String.format("%02d", i % 60) + ":00+01:00"));
        }
        try (HttpStub apaleo = new HttpStub()) {
            apaleo.on("POST", "/connect/token", (r, m) -> HttpStub.Reply.json(200, Map.of("access_token", "tok", "expires_in", 3600)));
            apaleo.on("GET", "/booking/v1/reservations", (r, m) -> {
                int page = Integer.parseInt(r.query().replaceAll(".*pageNumber=([0-9]+).*", "$1"));
                int size = Integer.parseInt(r.query().replaceAll(".*pageSize=([0-9]+).*", "$1"));
                List<Map<String, Object>> slice = modified.subList(Math.min(modified.size(), (page - 1) * size), Math.min(modified.size(), page * size));
                return slice.isEmpty() ? new HttpStub.Reply(204, Map.of(), "") : HttpStub.Reply.json(200, Map.of("reservations", slice, "count", modified.size()));
            });
            Map<String, String> values = Map.of("hub.sources.apaleo.username", "apaleo-hook", "hub.sources.apaleo.password", "hook-password",
                    "hub.sources.apaleo.api-url", apaleo.url(), "hub.sources.apaleo.identity-url", apaleo.url(),
                    "hub.sources.apaleo.client-id", "wifi-hub", "hub.sources.apaleo.client-secret", "client-secret");
            SourceConnector.Reconciliation api = new ApaleoConnectorFactory().create(o -> values.getOrDefault(o.key(), o.defaultValue()))
                    .reconciliation().orElseThrow();

            List<SourceConnector.Change> changes = api.changedBetween(java.time.Instant.parse("2026-11-28T08:50:00Z"), java.time.Instant.parse("2026-11-28T10:00:00Z"));

            assertThat(changes).hasSize(250);
            assertThat(changes.get(1)).isEqualTo(new SourceConnector.Change("RES-1", "2026-11-28T09:01:00Z"));
            List<HttpStub.Request> lists = apaleo.requests("GET", "/booking/v1/reservations");
            assertThat(lists).hasSize(2);
            assertThat(lists.get(0).query()).contains("dateFilter=Modification", "from=2026-11-28T08%3A50%3A00Z", "to=2026-11-28T10%3A00%3A00Z",
                    "sort=updated:asc", "pageNumber=1");
            assertThat(lists.get(0).header("Authorization")).isEqualTo("Bearer tok");
            modified.clear();
            assertThat(api.changedBetween(java.time.Instant.parse("2026-11-28T10:00:00Z"), java.time.Instant.parse("2026-11-28T11:00:00Z")))
                    .as("204: nothing changed").isEmpty();
            com.fasterxml.jackson.databind.JsonNode webhook = api.notification(List.of("RES-7"));
            assertThat(webhook.path("topic").asText()).isEqualTo("Reservation");
            assertThat(webhook.at("/data/entityId").asText()).isEqualTo("RES-7");
        }
    }
}
