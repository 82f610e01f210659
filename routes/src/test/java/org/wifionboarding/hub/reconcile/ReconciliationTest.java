package org.wifionboarding.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.mews.MewsStub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * Mews drops a webhook after a few failed deliveries: reconciliation asks Mews what changed and makes the
 * booking anyway, counts it, keeps its cursor across a restart, and does not feed the same change twice.
 */
class ReconciliationTest {

    @TempDir
    Path dataDir;

    private static Map<String, String> config(MewsStub mews) {
        return Map.of("hub.sources.mews.token", RunningHub.MEWS_TOKEN, "hub.sources.mews.api-url", mews.url(),
                "hub.sources.mews.client-token", "mews-client-token", "hub.sources.mews.access-token", "mews-access-token",
                "hub.sources.mews.venue", "harbour", "hub.venues.harbour.timezone", "Europe/London",
                "hub.reconciliation.cron", "0/2 * * * * ?");
    }

    @Test
    void a_booking_whose_webhook_never_came_is_found_counted_and_not_fed_twice_even_across_a_restart() throws Exception {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(14, ChronoUnit.HOURS);
        try (MewsStub mews = new MewsStub()) {
            mews.reservation("res-lost-1", "Confirmed", "cust-1", Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString(),
                    start.toString(), start.plus(2, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString());
            mews.customer("cust-1", "Iris", "Okafor", "iris.okafor@example.co.uk", "+447700900555", "en");
            try (RunningHub hub = RunningHub.start(dataDir, config(mews))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.getAdmin("/api/bookings/mews/res-lost-1").statusCode() == 200);
                JsonNode booking = Json.MAPPER.readTree(hub.getAdmin("/api/bookings/mews/res-lost-1").body());
                assertThat(booking.path("state").asText()).isEqualTo("PENDING");
                assertThat(booking.path("validFrom").asText()).isEqualTo(start.toString());
                // two more runs find the same reservation and feed nothing
                int runs = windowRequests(mews);
                await().atMost(Duration.ofSeconds(20)).until(() -> windowRequests(mews) >= runs + 2);
                assertThat(missed(hub)).isEqualTo(1.0);
                assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM source_cursor WHERE source = 'mews'", Long.class)).isEqualTo(1);
            }
            String cursorBefore;
            // a change made while the hub is down is found after the restart, from the persisted cursor
            mews.reservation("res-lost-1", "Confirmed", "cust-1", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    start.toString(), start.plus(3, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString());
            try (RunningHub hub = RunningHub.start(dataDir, config(mews))) {
                cursorBefore = hub.jdbc().queryForObject("SELECT position FROM source_cursor WHERE source = 'mews'", String.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> Json.MAPPER.readTree(hub.getAdmin("/api/bookings/mews/res-lost-1").body())
                        .path("validUntil").asText().equals(start.plus(3, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString()));
                JsonNode lastWindow = lastWindow(mews);
                assertThat(Instant.parse(lastWindow.at("/UpdatedUtc/StartUtc").asText()))
                        .as("the window starts at the persisted cursor less the overlap").isAfter(Instant.parse(cursorBefore).minus(11, ChronoUnit.MINUTES));
                assertThat(missed(hub)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void apaleo_reservations_modified_in_the_window_that_no_webhook_brought_are_fed_and_those_seen_are_not() throws Exception {
        Instant arrival = Instant.now().plus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Map<String, Map<String, Object>> reservations = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.List<String> listed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HttpStub apaleo = new HttpStub()) {
            apaleo.on("POST", "/connect/token", (r, m) -> HttpStub.Reply.json(200, Map.of("access_token", "tok", "expires_in", 3600)));
            apaleo.on("GET", "/booking/v1/reservations/([A-Z0-9-]+)", (r, m) -> reservations.containsKey(m.group(1))
                    ? HttpStub.Reply.json(200, reservations.get(m.group(1))) : HttpStub.Reply.json(404, Map.of("message", "not found")));
            apaleo.on("GET", "/booking/v1/reservations", (r, m) -> {
                Map<String, String> q = new java.util.HashMap<>();
                for (String pair : r.query().split("&")) {
                    q.put(pair.substring(0, pair.indexOf('=')), java.net.URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
                assertThat(q).containsEntry("dateFilter", "Modification");
                Instant from = Instant.parse(q.get("from"));
                Instant to = Instant.parse(q.get("to"));
                java.util.List<Map<String, Object>> page = reservations.values().stream()
                        .filter(res -> listed.contains((String) res.get("id")))
                        .filter(res -> {
                            Instant modified = java.time.OffsetDateTime.parse((String) res.get("modified")).toInstant();
                            return !modified.isBefore(from) && modified.isBefore(to);
                        }).toList();
                return page.isEmpty() ? new HttpStub.Reply(204, Map.of(), "") : HttpStub.Reply.json(200, Map.of("reservations", page, "count", page.size()));
            });
            String modified = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.ofHours(1)).toString();
            for (String id : java.util.List.of("RES-SEEN", "RES-LOST")) {
                reservations.put(id, Map.of("id", id, "status", "Confirmed", "modified", modified, "property", Map.of("id", "BER"),
                        "arrival", arrival.atOffset(java.time.ZoneOffset.ofHours(1)).toString(),
                        "departure", arrival.plus(2, ChronoUnit.DAYS).atOffset(java.time.ZoneOffset.ofHours(1)).toString(),
                        "primaryGuest", Map.of("firstName", "Jonas", "lastName", "Weber", "email", "jonas.weber@example.de")));
            }
            try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.apaleo.username", "hook", "hub.sources.apaleo.password", "hook-pw",
                    "hub.sources.apaleo.api-url", apaleo.url(), "hub.sources.apaleo.identity-url", apaleo.url(),
                    "hub.sources.apaleo.client-id", "c", "hub.sources.apaleo.client-secret", "s", "hub.reconciliation.cron", "0/2 * * * * ?"))) {
                String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("hook:hook-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String seen = "{\"topic\": \"Reservation\", \"type\": \"created\", \"id\": \"ev-seen\", \"propertyId\": \"BER\", \"timestamp\": "
                        + Instant.now().toEpochMilli() + ", \"data\": {\"entityId\": \"RES-SEEN\"}}";
                assertThat(hub.post("/webhooks/apaleo", "application/json", seen, "Authorization", basic).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/apaleo/RES-SEEN").statusCode() == 200);
                // only now does Apaleo's list show them: the webhook for RES-LOST was never sent
                listed.addAll(java.util.List.of("RES-SEEN", "RES-LOST"));
                int before = apaleo.requests("GET", "/booking/v1/reservations").size();

                await().atMost(Duration.ofSeconds(30)).until(() -> hub.getAdmin("/api/bookings/apaleo/RES-LOST").statusCode() == 200);
                assertThat(Json.MAPPER.readTree(hub.getAdmin("/api/bookings/apaleo/RES-LOST").body()).path("validFrom").asText()).isEqualTo(arrival.toString());
                await().atMost(Duration.ofSeconds(20)).until(() -> listRequests(apaleo) >= before + 3);
                assertThat(missed(hub, "apaleo")).as("RES-LOST only, once").isEqualTo(1.0);
                assertThat(apaleo.requests("GET", "/booking/v1/reservations/RES-SEEN")).as("the reservation the hub had seen is not fetched again").hasSize(1);
            }
        }
    }

    @Test
    void cloudbeds_reservations_the_hub_never_saw_are_fed_once_and_known_or_unconfirmed_ones_are_not() throws Exception {
        String arrival = java.time.LocalDate.now().plusDays(4).toString();
        String departure = java.time.LocalDate.now().plusDays(6).toString();
        Map<String, String> statuses = Map.of("CB-SEEN", "confirmed", "CB-LOST", "confirmed", "CB-PENDING", "not_confirmed");
        java.util.List<String> listed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HttpStub cloudbeds = new HttpStub()) {
            cloudbeds.contract("cloudbeds/pms-v1.2.reservations.json", "/api/v1.2", HttpStub.EXAMPLE_TIMES);
            cloudbeds.on("GET", "/api/v1.2/getReservation", (r, m) -> {
                String id = r.query().replace("reservationID=", "");
                return HttpStub.Reply.json(200, Map.of("success", true, "data", Map.of("propertyID", "198765", "reservationID", id,
                        "status", statuses.get(id), "guestName", "Inês Duarte", "guestEmail", "ines@example.pt", "startDate", arrival, "endDate", departure,
                        "guestList", Map.of("55501", Map.of("guestID", "55501", "guestEmail", "ines@example.pt", "isMainGuest", true)))));
            });
            cloudbeds.on("GET", "/api/v1.2/getReservations", (r, m) -> {
                assertThat(r.header("x-api-key")).isEqualTo("cb-key");
                assertThat(java.net.URLDecoder.decode(r.query(), java.nio.charset.StandardCharsets.UTF_8))
                        .matches("modifiedFrom=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ&modifiedTo=.+&pageNumber=1&pageSize=100");
                return HttpStub.Reply.json(200, Map.of("success", true, "count", listed.size(), "total", listed.size(), "data", listed.stream()
                        .map(id -> Map.of("reservationID", id, "status", statuses.get(id), "dateModified", "2026-11-29 10:00:00")).toList()));
            });
            try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.sources.cloudbeds.token", "cb-secret", "hub.sources.cloudbeds.api-url",
                    cloudbeds.url(), "hub.sources.cloudbeds.api-key", "cb-key", "hub.venues.lisbon.timezone", "Europe/Lisbon",
                    "hub.reconciliation.cron", "0/2 * * * * ?"))) {
                String created = "{\"version\": \"1.0\", \"event\": \"reservation/created\", \"timestamp\": " + Instant.now().getEpochSecond()
                        + ", \"propertyID\": 1, \"reservationID\": \"CB-SEEN\"}";
                assertThat(hub.post("/webhooks/cloudbeds?token=cb-secret", "application/json", created).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/cloudbeds/CB-SEEN").statusCode() == 200);
                listed.addAll(java.util.List.of("CB-SEEN", "CB-LOST", "CB-PENDING"));
                long before = cloudbeds.requests("GET", "/api/v1.2/getReservations").size();

                await().atMost(Duration.ofSeconds(30)).until(() -> hub.getAdmin("/api/bookings/cloudbeds/CB-LOST").statusCode() == 200);
                assertThat(Json.MAPPER.readTree(hub.getAdmin("/api/bookings/cloudbeds/CB-LOST").body()).path("state").asText()).isEqualTo("PENDING");
                await().atMost(Duration.ofSeconds(20)).until(() -> cloudbeds.requests("GET", "/api/v1.2/getReservations").size() >= before + 3);
                assertThat(missed(hub, "cloudbeds")).as("CB-LOST only, once").isEqualTo(1.0);
                java.util.List<String> fetched = cloudbeds.requests("GET", "/api/v1.2/getReservation").stream()
                        .filter(r -> r.path().equals("/api/v1.2/getReservation")).map(HttpStub.Request::query).toList();
                assertThat(fetched).containsExactlyInAnyOrder("reservationID=CB-SEEN", "reservationID=CB-LOST");
                assertThat(hub.getAdmin("/api/bookings/cloudbeds/CB-PENDING").statusCode()).isEqualTo(404);
                assertThat(cloudbeds.contractViolations()).isEmpty();
            }
        }
    }

    private static long listRequests(HttpStub apaleo) {
        return apaleo.requests("GET", "/booking/v1/reservations").stream().filter(r -> r.path().equals("/booking/v1/reservations")).count();
    }

    private static int windowRequests(MewsStub mews) {
        return (int) mews.requests().stream().filter(r -> r.body().has("UpdatedUtc")).count();
    }

    private static JsonNode lastWindow(MewsStub mews) {
        return mews.requests().stream().filter(r -> r.body().has("UpdatedUtc")).reduce((a, b) -> b).orElseThrow().body();
    }

    private static double missed(RunningHub hub) throws Exception {
        return missed(hub, "mews");
    }

    private static double missed(RunningHub hub, String source) throws Exception {
        Matcher m = Pattern.compile("hub_reconciliation_missed_total\\{[^}]*source=\"" + source + "\"[^}]*\\} ([0-9.]+)").matcher(hub.management("/observe/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
