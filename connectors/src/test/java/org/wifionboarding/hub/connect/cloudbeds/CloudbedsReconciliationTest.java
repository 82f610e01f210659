package org.wifionboarding.hub.connect.cloudbeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.stub.HttpStub;

/** Cloudbeds' reservation list as a stub: the widened window, paging, unconfirmed reservations left out, errors. */
class CloudbedsReconciliationTest {

    @Test
    void lists_every_page_of_a_window_widened_for_the_undocumented_zone() throws Exception {
        List<Map<String, Object>> reservations = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            reservations.add(Map.of("reservationID", "CB-" + i, "status", i % 10 == 0 ? "not_confirmed" : "confirmed", "dateModified", "2026-11-29 09:00:00"));
        }
        try (HttpStub cloudbeds = new HttpStub()) {
            cloudbeds.on("GET", "/api/v1.2/getReservations", (r, m) -> {
                int page = Integer.parseInt(r.query().replaceAll(".*pageNumber=([0-9]+).*", "$1"));
                return HttpStub.Reply.json(200, Map.of("success", true, "total", reservations.size(),
                        "data", reservations.subList(Math.min(reservations.size(), (page - 1) * 100), Math.min(reservations.size(), page * 100))));
            });
            cloudbeds.contract("cloudbeds/pms-v1.2.reservations.json", "/api/v1.2", HttpStub.EXAMPLE_TIMES);
            Map<String, String> values = Map.of("hub.sources.cloudbeds.token", "t", "hub.sources.cloudbeds.api-url", cloudbeds.url(),
                    "hub.sources.cloudbeds.api-key", "cb-key");
            SourceConnector.Reconciliation api = new CloudbedsConnectorFactory().create(o -> values.getOrDefault(o.key(), o.defaultValue()))
                    .reconciliation().orElseThrow();

            List<SourceConnector.Change> changes = api.changedBetween(Instant.parse("2026-11-29T08:50:00Z"), Instant.parse("2026-11-29T09:05:00Z"));

            assertThat(changes).hasSize(117).allSatisfy(c -> assertThat(c.version()).isNull());
            assertThat(changes).extracting(SourceConnector.Change::bookingId).doesNotContain("CB-0", "CB-120").contains("CB-1", "CB-129");
            List<HttpStub.Request> calls = cloudbeds.requests("GET", "/api/v1.2/getReservations");
            assertThat(calls).hasSize(2);
            assertThat(URLDecoder.decode(calls.get(0).query(), StandardCharsets.UTF_8))
                    .isEqualTo("modifiedFrom=2026-11-28T18:50:00Z&modifiedTo=2026-11-29T23:05:00Z&pageNumber=1&pageSize=100");
            assertThat(calls.get(1).query()).endsWith("pageNumber=2&pageSize=100");
            assertThat(calls.get(0).header("x-api-key")).isEqualTo("cb-key");   // the apiKey scheme of pms-v1.2-openapi.yaml
            assertThat(calls.get(0).header("Authorization")).isNull();
            assertThat(cloudbeds.contractViolations()).as("as pms-v1.2-openapi.yaml allows").isEmpty();

            cloudbeds.failNext("GET", 429, "30", "{\"success\": false, \"message\": \"Too many requests\"}", 0);
            assertThatThrownBy(() -> api.changedBetween(Instant.parse("2026-11-29T09:05:00Z"), Instant.parse("2026-11-29T09:20:00Z")))
                    .isInstanceOf(SourceUnavailableException.class);
            assertThat(api.notification(List.of("CB-1")).path("reservationID").asText()).isEqualTo("CB-1");
        }
    }
}
