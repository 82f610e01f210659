package org.wifionboarding.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.stub.HttpStub;

/**
 * OPERA Cloud has no webhooks: the hub polls its business events after a persisted offset, page by page,
 * fetches each reservation, and carries on after a restart without gaps or repeats.
 */
class OperaPollingTest {

    @TempDir
    Path dataDir;

    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    private void reservationEvent(int offset, String reservation) {
        events.add(Map.of("metadata", Map.of("offset", String.valueOf(offset), "uniqueEventId", "EV-" + offset),
                "moduleName", "Reservation", "eventName", "NEW RESERVATION", "primaryKey", reservation, "hotelId", "HQLON"));
    }

    private HttpStub ohip() throws Exception {
        HttpStub ohip = new HttpStub();
        ohip.on("POST", "/oauth/v1/tokens", (r, m) -> HttpStub.Reply.json(200, Map.of("access_token", "ohip-token", "expires_in", 3600)));
        ohip.on("GET", "/int/v1/externalSystem/WIFIHUB/businessEvents", (r, m) -> {
            Matcher offset = Pattern.compile("offset=([0-9]+)").matcher(r.query());
            int after = offset.find() ? Integer.parseInt(offset.group(1)) : 0;
            Matcher limit = Pattern.compile("limit=([0-9]+)").matcher(r.query());
            int count = limit.find() ? Integer.parseInt(limit.group(1)) : 20;
            return HttpStub.Reply.json(200, Map.of("businessEvents", events.stream()
                    .filter(e -> Integer.parseInt((String) ((Map<?, ?>) e.get("metadata")).get("offset")) > after).limit(count).toList()));
        });
        ohip.on("GET", "/rsv/v1/hotels/HQLON/reservations/([0-9]+)", (r, m) -> HttpStub.Reply.json(200, reservation(m.group(1))));
        return ohip;
    }

    private static Map<String, Object> reservation(String id) {
        Map<String, Object> profile = Map.of(
                "customer", Map.of("personName", List.of(Map.of("givenName", "Guest", "surname", id))),
                "emails", Map.of("emailInfo", List.of(Map.of("email", Map.of("emailAddress", "g" + id + "@example.co.uk")))));
        Map<String, Object> reservation = Map.of(
                "reservationIdList", List.of(Map.of("id", id, "type", "Reservation")),
                "reservationStatus", "Reserved",
                "roomStay", Map.of("arrivalDate", LocalDate.now().plusDays(3).toString(), "departureDate", LocalDate.now().plusDays(5).toString()),
                "reservationGuests", List.of(Map.of("profileInfo", Map.of("profile", profile))));
        return Map.of("reservations", Map.of("reservation", List.of(reservation)));
    }

    private static Map<String, String> config(HttpStub ohip) {
        return Map.of("hub.sources.opera.gateway-url", ohip.url(), "hub.sources.opera.app-key", "app-key", "hub.sources.opera.client-id", "hub",
                "hub.sources.opera.client-secret", "secret", "hub.sources.opera.hotel-id", "HQLON", "hub.sources.opera.external-system-code", "WIFIHUB",
                "hub.sources.opera.page-size", "2", "hub.venues.HQLON.timezone", "Europe/London", "hub.polling.cron", "0/2 * * * * ?");
    }

    @Test
    void events_are_polled_page_by_page_and_a_restart_carries_on_from_the_persisted_offset() throws Exception {
        for (int i = 1; i <= 5; i++) {
            reservationEvent(i, "1700" + i);
        }
        try (HttpStub ohip = ohip()) {
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.jdbc().queryForObject(
                        "SELECT COUNT(*) FROM booking WHERE source = 'opera'", Long.class) == 5);
                assertThat(hub.jdbc().queryForObject("SELECT position FROM source_cursor WHERE source = 'poll:opera'", String.class)).isEqualTo("5");
                assertThat(hub.post("/webhooks/opera", "application/json", "{}").statusCode()).as("no webhooks from OPERA").isEqualTo(401);
            }
            int before = ohip.requests("GET", "/int/v1/externalSystem/").size();
            reservationEvent(6, "17006");
            try (RunningHub hub = RunningHub.start(dataDir, config(ohip))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.jdbc().queryForObject(
                        "SELECT COUNT(*) FROM booking WHERE source = 'opera'", Long.class) == 6);
                List<HttpStub.Request> after = ohip.requests("GET", "/int/v1/externalSystem/");
                assertThat(after.get(before).query()).as("the first poll after the restart starts at the persisted offset").contains("offset=5");
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM ingest_key WHERE source = 'opera'", Long.class))
                        .as("each event accepted once").isEqualTo(6);
            }
        }
    }
}
