package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.store.DurableCommits;

/**
 * {@code POST /api/erasure} in a whole hub: it forgets a guest where the hub keeps guest data, revoked credentials leave
 * the network through provisioning, and {@code GET /api/audit} shows who did what. What an erasure matches and refuses is
 * {@code GuestErasureTest}'s, on the bean alone.
 */
class GuestErasureApiTest {

    @TempDir
    static Path dataDir;
    static RunningHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = RunningHub.start(dataDir, Map.of("hub.venues.hotel-paris.timezone", "Europe/Paris"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static String booking(String eventId, String bookingId, String email, String phone) {
        return generic(eventId, "confirmed", "2026-11-01T10:00:00Z", "hotel-paris", bookingId, "2027-03-10", "2027-03-12")
                .replace(GuestEvents.EMAIL, email).replace(GuestEvents.PHONE, phone);
    }

    private static HttpResponse<String> erase(String json) throws Exception {
        return hub.post("/api/erasure", "application/json", json, "Authorization", "Bearer " + RunningHub.ADMIN_TOKEN);
    }

    private static boolean hasGuestData(String bookingId) {
        return hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE booking_id = ? AND guest_enc IS NOT NULL", Long.class, bookingId) == 1;
    }

    private static void provisioned(String bookingId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/" + bookingId).body()
                .contains("\"provisioning\":{\"target\":\"radius-sql\",\"state\":\"OK\""));
    }

    private static String username(String bookingId) throws Exception {
        return Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/" + bookingId).body()).path("username").asText();
    }

    @Test
    void an_email_erases_every_booking_and_kept_payload_that_names_it_and_leaves_credentials_working() throws Exception {
        assertThat(hub.postGeneric(booking("er-1", "B-ER-1", "ana.erased@example.org", "+33655500001")).statusCode()).isEqualTo(202);
        assertThat(hub.postGeneric(booking("er-2", "B-ER-2", "Ana.Erased@Example.org", "+33655500002")).statusCode()).isEqualTo(202);
        assertThat(hub.postGeneric(booking("er-3", "B-ER-3", "someone.else@example.org", "+33655500003")).statusCode()).isEqualTo(202);
        // a refused event that names her, kept for review with its payload
        String refused = booking("er-4", "B-ER-4", "ana.erased@example.org", "+33655500004").replace("\"departure\"", "\"depart\"");
        assertThat(hub.postGeneric(refused).statusCode()).isEqualTo(400);
        provisioned("B-ER-1");
        provisioned("B-ER-2");
        provisioned("B-ER-3");
        DurableCommits durable = hub.context().getRegistry().lookupByNameAndType("durableCommits", DurableCommits.class);
        long fencesBefore = durable.requestedCount();

        HttpResponse<String> response = erase("{\"email\":\" ANA.ERASED@example.org \"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(durable.requestedCount()).as("the erasure is on disk (embedded H2) before it is answered").isGreaterThan(fencesBefore);
        JsonNode counts = Json.MAPPER.readTree(response.body());
        assertThat(counts.path("bookings").asInt()).isEqualTo(2);
        assertThat(counts.path("reviewItems").asInt()).isEqualTo(1);
        assertThat(counts.path("credentialsRevoked").asInt()).isZero();
        assertThat(hasGuestData("B-ER-1")).isFalse();
        assertThat(hasGuestData("B-ER-2")).isFalse();
        assertThat(hasGuestData("B-ER-3")).isTrue();
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM review_item WHERE event_id = 'er-4' AND payload_enc IS NULL", Long.class)).isEqualTo(1);
        // the credential was not asked to go: still on the network, its pending message cancelled (no one to send it to)
        String booking = hub.getAdmin("/api/bookings/generic/B-ER-1").body();
        assertThat(booking).contains("\"state\":\"PENDING\"").contains("guest data erased on request").contains("\"state\":\"CANCELLED\"");
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM radcheck WHERE username = ?", Long.class, username("B-ER-1"))).isPositive();

        JsonNode audit = Json.MAPPER.readTree(hub.getAdmin("/api/audit").body()).path("items");
        assertThat(audit.toString()).contains("\"action\":\"erase-guest-data\"").contains("2 booking(s), 1 review payload(s)")
                .doesNotContainIgnoringCase("ana.erased");
    }

    @Test
    void a_phone_with_revocation_ends_the_credential_on_the_network_too() throws Exception {
        assertThat(hub.postGeneric(booking("er-10", "B-ER-10", "bo.revoked@example.org", "+33655500010")).statusCode()).isEqualTo(202);
        provisioned("B-ER-10");
        String username = username("B-ER-10");

        HttpResponse<String> response = erase("{\"phone\":\"+33 6 55 50 00 10\",\"revokeCredentials\":true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).path("credentialsRevoked").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                hub.jdbc().queryForObject("SELECT COUNT(*) FROM radcheck WHERE username = ?", Long.class, username) == 0);
        assertThat(hub.getAdmin("/api/bookings/generic/B-ER-10").body()).contains("\"state\":\"REVOKED\"");
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE booking_id = 'B-ER-10' AND passphrase_enc IS NULL", Long.class))
                .isEqualTo(1);
    }

    @Test
    void a_refused_request_is_a_problem_naming_the_field_and_both_endpoints_need_the_token() throws Exception {
        HttpResponse<String> response = erase("{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.MAPPER.readTree(response.body()).path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(hub.post("/api/erasure", "application/json", "{\"email\":\"a@example.org\"}").statusCode()).isEqualTo(401);
        assertThat(hub.admin("GET", "/api/audit", null).statusCode()).isEqualTo(401);
    }
}
