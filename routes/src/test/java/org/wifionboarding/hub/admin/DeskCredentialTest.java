package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/** {@code POST /api/credentials}: the front desk issues a credential by hand; it is provisioned like any other and shown once. */
class DeskCredentialTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    static Path dataDir;
    static RunningHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = RunningHub.start(dataDir, Map.of("hub.venues.hotel-paris.timezone", "Europe/Paris",
                "hub.venues.stadium.timezone", "Europe/Paris", "hub.venues.stadium.credential", "psk", "hub.venues.stadium.ssid", "Stade-Guest"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> issue(String json, String token) throws Exception {
        return token == null ? hub.post("/api/credentials", "application/json", json)
                : hub.post("/api/credentials", "application/json", json, "Authorization", "Bearer " + token);
    }

    private static String request(String venue, LocalDate arrival, LocalDate departure, String extra) {
        return "{\"venueId\":\"" + venue + "\",\"arrival\":\"" + arrival + "\",\"departure\":\"" + departure + "\"" + extra + "}";
    }

    @Test
    void a_credential_issued_for_a_stay_that_has_begun_works_at_once_is_provisioned_and_shown_only_in_the_answer() throws Exception {
        LocalDate today = LocalDate.now(PARIS);
        HttpResponse<String> response = issue(request("hotel-paris", today, today.plusDays(2),
                ",\"room\":\"204\",\"guest\":{\"name\":\"Walk In\",\"language\":\"fr\"}"), RunningHub.ADMIN_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode issued = Json.MAPPER.readTree(response.body());
        String bookingId = issued.path("bookingId").asText();
        assertThat(response.headers().firstValue("Location")).contains("/api/bookings/desk/" + bookingId);
        assertThat(issued.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(issued.path("kind").asText()).isEqualTo("radius-account");
        String username = issued.path("username").asText();
        String passphrase = issued.path("passphrase").asText();
        assertThat(passphrase).hasSizeGreaterThanOrEqualTo(8);
        assertThat(issued.path("validUntil").asText()).isEqualTo(today.plusDays(2).atTime(11, 0).atZone(PARIS).toInstant().toString());

        // provisioned like any other, and on radius-sql with the booking itself: by the answer the RADIUS rows carry the
        // credential shown
        assertThat(issued.path("provisioning").asText()).isEqualTo("done: the credential works now");
        assertThat(hub.getAdmin("/api/bookings/desk/" + bookingId).body()).contains("\"provisioning\":{\"target\":\"radius-sql\",\"state\":\"OK\"");
        assertThat(hub.jdbc().queryForObject("SELECT value FROM radcheck WHERE username = ? AND attribute = 'Cleartext-Password'",
                String.class, username)).isEqualTo(passphrase);
        String booking = hub.getAdmin("/api/bookings/desk/" + bookingId).body();
        assertThat(booking).doesNotContain(passphrase).doesNotContain("Walk In")
                .contains("\"delivery\":{\"channel\":\"desk\",\"state\":\"SENT\"").contains("\"frontDesk\":false")
                .contains("handed over at the front desk");
        assertThat(hub.getAdmin("/api/bookings?venue=hotel-paris&room=204").body()).contains(bookingId);
    }

    @Test
    void a_psk_comes_with_its_join_code_and_a_later_stay_waits_for_its_window() throws Exception {
        LocalDate arrival = LocalDate.now(PARIS).plusDays(10);
        HttpResponse<String> response = issue(request("stadium", arrival, arrival.plusDays(1), ""), RunningHub.ADMIN_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode issued = Json.MAPPER.readTree(response.body());
        assertThat(issued.path("state").asText()).isEqualTo("PENDING");
        assertThat(issued.path("ssid").asText()).isEqualTo("Stade-Guest");
        assertThat(issued.has("username")).isFalse();
        String qr = issued.path("qr").asText();
        assertThat(qr).startsWith("data:image/png;base64,");
        assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1))))).isNotNull();
    }

    @Test
    void refuses_bad_requests_naming_the_field_and_issues_nothing() throws Exception {
        LocalDate today = LocalDate.now(PARIS);
        long before = hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE source = 'desk'", Long.class);
        Map<String, String> cases = Map.of(
                "venueId", request("nowhere", today, today.plusDays(1), ""),
                "departure", request("hotel-paris", today, today, ""),
                "departure ", request("hotel-paris", today.minusDays(3), today.minusDays(1), ""),   // a stay already over
                "arrival", "{\"venueId\":\"hotel-paris\",\"arrival\":\"tomorrow\",\"departure\":\"" + today.plusDays(1) + "\"}",
                "guest.phone", request("hotel-paris", today, today.plusDays(1), ",\"guest\":{\"phone\":\"0612345678\"}"),
                "guest.passport", request("hotel-paris", today, today.plusDays(1), ",\"guest\":{\"passport\":\"X\"}"),
                "price", request("hotel-paris", today, today.plusDays(1), ",\"price\":12"),
                "$", "[1,2]");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = issue(c.getValue(), RunningHub.ADMIN_TOKEN);
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(Json.MAPPER.readTree(response.body()).path("errors").get(0).path("field").asText()).isEqualTo(c.getKey().trim());
        }
        assertThat(issue(request("hotel-paris", today, today.plusDays(1), ""), null).statusCode()).isEqualTo(401);
        assertThat(issue(request("hotel-paris", today, today.plusDays(1), ""), "wrong").statusCode()).isEqualTo(401);
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE source = 'desk'", Long.class)).isEqualTo(before);
    }
}
