package org.wifionboarding.hub.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.connect.mews.MewsStub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.reconcile.OperaStub;

/**
 * Each source's documented examples through the packaged hub (the jar, in a child JVM), against stand-ins that
 * answer with the vendors' own example shapes and enforce their published specs: the bookings, windows and state
 * changes the vendors' documents imply, with every expected window computed here from the venue's zone and the
 * documented semantics, never by the mappers.
 */
class DocumentedExamplesIT {

    static final String ADMIN = "documented-admin";
    static final String CRYPTO_KEY = "ZG9jdW1lbnRlZC1rZXktZG9jdW1lbnRlZC1rZXktMDE=";

    @TempDir
    static Path work;
    static MewsStub mews;
    static OperaStub ohip;
    static HttpStub cloudbeds;
    static HttpStub eventbrite;
    static HttpStub apaleo;
    static Process hub;
    static int http;
    static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final AtomicReference<String> cloudbedsStatus = new AtomicReference<>("confirmed");
    static final AtomicReference<Boolean> attendeeCancelled = new AtomicReference<>(false);
    static final AtomicReference<String> apaleoStatus = new AtomicReference<>("Confirmed");
    static final AtomicReference<String> apaleoModified = new AtomicReference<>("2026-11-01T10:00:00Z");
    static final LocalDate ARRIVAL = LocalDate.now().plusDays(3);
    static final LocalDate DEPARTURE = LocalDate.now().plusDays(5);

    @BeforeAll
    static void start() throws Exception {
        mews = new MewsStub();
        ohip = new OperaStub();
        cloudbeds = new HttpStub().contract("cloudbeds/pms-v1.2.reservations.json", "/api/v1.2", HttpStub.EXAMPLE_TIMES);
        cloudbeds.on("GET", "/api/v1.2/getReservation", (r, m) -> HttpStub.Reply.json(200, Map.of("success", true, "data", Map.of(
                "propertyID", "198765", "reservationID", "8812345678", "status", cloudbedsStatus.get(), "guestName", "Inês Duarte",
                "guestEmail", "ines.duarte@example.pt", "startDate", ARRIVAL.toString(), "endDate", DEPARTURE.toString(),
                "guestList", Map.of("55501", Map.of("guestID", "55501", "guestEmail", "ines.duarte@example.pt",
                        "guestCellPhone", "+351 912 345 678", "isMainGuest", true))))));
        Instant eventStart = LocalDateTime.of(ARRIVAL, LocalTime.of(19, 0)).atZone(ZoneId.of("America/Los_Angeles")).toInstant();
        Map<String, Object> event = Map.of("id", "27647564610", "venue_id", "14986832",
                "start", Map.of("timezone", "America/Los_Angeles", "local", LocalDateTime.of(ARRIVAL, LocalTime.of(19, 0)).toString(), "utc", eventStart.toString()),
                "end", Map.of("timezone", "America/Los_Angeles", "local", LocalDateTime.of(ARRIVAL, LocalTime.of(23, 0)).toString(),
                        "utc", eventStart.plus(4, ChronoUnit.HOURS).toString()));
        eventbrite = new HttpStub();
        eventbrite.on("GET", "/v3/orders/548532261/", (r, m) -> HttpStub.Reply.json(200, Map.of("id", "548532261", "status", "placed",
                "changed", "2026-05-14T14:25:45Z", "event", event, "attendees", List.of(attendee(event, false, "2026-05-14T14:25:45Z")))));
        eventbrite.on("GET", "/v3/events/27647564610/attendees/690507907/", (r, m) -> HttpStub.Reply.json(200,
                attendee(event, attendeeCancelled.get(), "2026-05-20T09:00:00Z")));
        apaleo = new HttpStub();
        apaleo.on("POST", "/connect/token", (r, m) -> HttpStub.Reply.json(200, Map.of("access_token", "tok", "expires_in", 3600)));
        apaleo.on("GET", "/booking/v1/reservations/QWERTYU-1", (r, m) -> HttpStub.Reply.json(200, Map.of("id", "QWERTYU-1",
                "bookingId", "QWERTYU", "status", apaleoStatus.get(), "property", Map.of("id", "BER", "code", "BER", "name", "Apaleo Berlin"),
                "arrival", LocalDateTime.of(ARRIVAL, LocalTime.of(15, 0)).atZone(ZoneId.of("Europe/Berlin")).toOffsetDateTime().toString(),
                "departure", LocalDateTime.of(DEPARTURE, LocalTime.of(11, 0)).atZone(ZoneId.of("Europe/Berlin")).toOffsetDateTime().toString(),
                "modified", apaleoModified.get(),
                "primaryGuest", Map.of("firstName", "Jonas", "lastName", "Weber", "email", "jonas.weber@example.de"))));

        http = RunningHub.freePort();
        int management = RunningHub.freePort();
        Map<String, String> env = new HashMap<>(Map.of("HUB_DATA_DIR", work.resolve("data").toString(), "HUB_HTTP_PORT", String.valueOf(http),
                "HUB_HTTP_HOST", "127.0.0.1", "HUB_MANAGEMENT_PORT", String.valueOf(management), "HUB_ADMIN_TOKEN", ADMIN, "HUB_SMTP_PORT", "1"));
        env.putAll(Map.of("HUB_SOURCES_MEWS_TOKEN", "mews-secret", "HUB_SOURCES_MEWS_API_URL", mews.url(), "HUB_SOURCES_MEWS_CLIENT_TOKEN", "ct",
                "HUB_SOURCES_MEWS_ACCESS_TOKEN", "at", "HUB_VENUES_LONDON_ID", MewsStub.ENTERPRISE, "HUB_VENUES_LONDON_TIMEZONE", "Europe/London",
                "HUB_SOURCES_CVENT_TOKEN", "cvent-secret"));
        env.put("HUB_CRYPTO_KEY", CRYPTO_KEY);
        env.put("HUB_DESK_TOKEN", "desk-secret-token");
        env.putAll(Map.of("HUB_SOURCES_CLOUDBEDS_TOKEN", "cb-secret", "HUB_SOURCES_CLOUDBEDS_API_URL", cloudbeds.url(),
                "HUB_SOURCES_CLOUDBEDS_API_KEY", "cb-key", "HUB_VENUES_LISBON_ID", "198765", "HUB_VENUES_LISBON_TIMEZONE", "Europe/Lisbon",
                "HUB_SOURCES_EVENTBRITE_TOKEN", "eb-secret", "HUB_SOURCES_EVENTBRITE_API_URL", eventbrite.url(),
                "HUB_SOURCES_EVENTBRITE_PRIVATE_TOKEN", "eb-private"));
        env.putAll(Map.of("HUB_SOURCES_APALEO_USERNAME", "hook", "HUB_SOURCES_APALEO_PASSWORD", "hook-pw", "HUB_SOURCES_APALEO_API_URL", apaleo.url(),
                "HUB_SOURCES_APALEO_IDENTITY_URL", apaleo.url(), "HUB_SOURCES_APALEO_CLIENT_ID", "c", "HUB_SOURCES_APALEO_CLIENT_SECRET", "s",
                "HUB_VENUES_BER_TIMEZONE", "Europe/Berlin", "HUB_VENUES_HQLON_TIMEZONE", "Europe/London"));
        ohip.hubConfig().forEach((key, value) -> env.put(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        hub = org.wifionboarding.hub.app.PackagedHub.start(env, "512m", work.resolve("hub.log"));
        org.wifionboarding.hub.app.PackagedHub.awaitHealthy(management, "/observe/health/ready");
    }

    private static Map<String, Object> attendee(Map<String, Object> event, boolean cancelled, String changed) {
        // Eventbrite's own fixture (eventbrite-sdk-ruby spec/fixtures/attendee_read.json), with its event expanded
        Map<String, Object> attendee = new HashMap<>(Map.of("id", "690507907",
                "resource_uri", "https://www.eventbriteapi.com/v3/events/27647564610/attendees/690507907/",
                "changed", changed, "created", "2026-05-14T14:25:45Z", "quantity", 1,
                "profile", Map.of("first_name", "Emilia", "last_name", "Campos", "email", "emilia.campos@example.com", "name", "Emilia Campos"),
                "checked_in", false, "cancelled", cancelled, "refunded", false));
        attendee.putAll(Map.of("status", cancelled ? "Not Attending" : "Attending", "ticket_class_name", "Paga", "event_id", "27647564610",
                "order_id", "548532261", "ticket_class_id", "54506991", "event", event));
        return attendee;
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.destroy();
            hub.waitFor(60, TimeUnit.SECONDS);
            Files.copy(work.resolve("hub.log"), Path.of("target", "documented-examples-hub.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (AutoCloseable stub : new AutoCloseable[] {mews, ohip, cloudbeds, eventbrite, apaleo}) {
            if (stub != null) {
                stub.close();
            }
        }
    }

    private static int post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode booking(String source, String id) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/bookings/" + source + "/" + id))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : Json.MAPPER.createObjectNode();
    }

    private static JsonNode awaitState(String source, String id, String state) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> state.equals(booking(source, id).path("state").asText()));
        try {
            return booking(source, id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant at(LocalDate date, LocalTime time, String zone) {
        return LocalDateTime.of(date, time).atZone(ZoneId.of(zone)).toInstant();
    }

    @Test
    void the_start_log_names_every_secret_but_shows_none() throws Exception {
        String log = Files.readString(work.resolve("hub.log"));
        assertThat(log).contains("hub.crypto.key").contains("hub.admin.token");   // the summary is there, masked
        assertThat(log).doesNotContain(CRYPTO_KEY).doesNotContain(ADMIN).doesNotContain("mews-secret").doesNotContain("cb-key")
                .doesNotContain("eb-private").doesNotContain("hook-pw").doesNotContain("desk-secret-token")
                .doesNotContain("client-token = ct").doesNotContain("access-token = at");
    }

    @Test
    void mews_the_documented_webhook_books_and_the_same_bytes_later_cancel_the_stay() throws Exception {
        Instant start = at(ARRIVAL, LocalTime.of(14, 0), "Europe/London");
        Instant end = at(DEPARTURE, LocalTime.of(11, 0), "Europe/London");
        String reservation = "bfee2c44-1f84-4326-a862-5289598f6e2d";
        mews.reservation(reservation, "Confirmed", "fadd5bb6-b428-45d5-94f8-fd0d89fece6d", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                .toString(), start.toString(), end.toString()).customer("fadd5bb6-b428-45d5-94f8-fd0d89fece6d", "John", "Smith", "j.smith@example.com",
                "00420123456789", "en-US");
        // events/wh-general.md, "Request body": the enterprise, the integration, and ids only
        String webhook = "{\"EnterpriseId\": \"" + MewsStub.ENTERPRISE + "\", \"IntegrationId\": \"c8bee838-7fb1-4f4e-8fac-ac87008b2f90\", \"Events\": ["
                + "{\"Discriminator\": \"ServiceOrderUpdated\", \"Value\": {\"Id\": \"" + reservation + "\"}},"
                + "{\"Discriminator\": \"ResourceUpdated\", \"Value\": {\"Id\": \"7cccbdc6-73cf-4cd4-8056-6fd00f4d9699\"}}]}";
        assertThat(post("/webhooks/mews?token=mews-secret", webhook)).isEqualTo(202);
        JsonNode booked = awaitState("mews", reservation, "PENDING");
        assertThat(booked.path("validFrom").asText()).isEqualTo(start.toString());
        assertThat(booked.path("validUntil").asText()).isEqualTo(end.toString());
        assertThat(booked.path("venueId").asText()).isEqualTo(MewsStub.ENTERPRISE);

        mews.reservation(reservation, "Canceled", "fadd5bb6-b428-45d5-94f8-fd0d89fece6d", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                start.toString(), end.toString());
        assertThat(post("/webhooks/mews?token=mews-secret", webhook)).as("the same bytes: a new change all the same").isEqualTo(202);
        awaitState("mews", reservation, "REVOKED");
        assertThat(mews.requests()).allSatisfy(r -> assertThat(r.path()).doesNotContain("companionships"));
    }

    @Test
    void cvent_a_registration_and_the_documented_cancellation_in_eastern_time() throws Exception {
        String attendee = "{\"contactStub\": \"3F2A9C41-7B6E-4D10-A8C2-5E91D0B7F6A3\", \"isGuest\": false, \"registrationDate\": \"2026-03-12\","
                + " \"eventForInvitee\": {\"eventTitle\": \"Spring Partner Summit\", \"eventStartDate\": \"" + ARRIVAL + " 18:00:00.0\","
                + " \"eventEndDate\": \"" + DEPARTURE + " 12:00:00.0\", \"eventCode\": \"WRN3DBTCMX9\", \"eventTimeZoneName\": \"Eastern Time\"},"
                + " \"firstName\": \"Jay\", \"lastName\": \"Juliano\", \"email\": \"jay.juliano@example.com\", \"confirmationNumber\": \"VQNB3XNFS5X\","
                + " \"mobilePhone\": \"\", \"responseMethod\": \"Self-Responded\", \"eventStub\": \"6A0E4F2B-91C3-4D5E-B7A8-0C1D2E3F4A5B\"}";
        String registered = "{\"eventType\": \"InviteeOrGuestRegistered\", \"messageTime\": \"" + Instant.now().minusSeconds(60)
                + "\", \"messageStub\": \"11111111-6d4e-4b7a-9c1f-2e5d7a9b0c14\", \"message\": [" + attendee + "]}";
        assertThat(post("/webhooks/cvent/InviteeOrGuestRegistered/11111111", registered, "Authorization", "cvent-secret")).isEqualTo(202);
        JsonNode booked = awaitState("cvent", "VQNB3XNFS5X", "PENDING");
        assertThat(booked.path("validFrom").asText()).isEqualTo(at(ARRIVAL, LocalTime.of(18, 0), "America/New_York").toString());
        assertThat(booked.path("validUntil").asText()).isEqualTo(at(DEPARTURE, LocalTime.of(12, 0), "America/New_York").toString());

        // "Invitee/Guest Event Registration Cancelled": messageTime an ISO-8601 instant
        String cancelled = "{\"eventType\": \"InviteeOrGuestCancelled\", \"messageTime\": \"" + Instant.now().truncatedTo(ChronoUnit.MILLIS)
                + "\", \"messageStub\": \"8f3c2a10-6d4e-4b7a-9c1f-2e5d7a9b0c14\", \"message\": [" + attendee + "]}";
        assertThat(post("/webhooks/cvent/InviteeOrGuestCancelled/8f3c2a10", cancelled, "Authorization", "cvent-secret")).isEqualTo(202);
        awaitState("cvent", "VQNB3XNFS5X", "REVOKED");
    }

    @Test
    void cloudbeds_a_created_reservation_books_with_the_main_guests_phone_and_a_deletion_ends_it() throws Exception {
        long t = Instant.now().getEpochSecond();
        assertThat(post("/webhooks/cloudbeds?token=cb-secret", "{\"version\": \"1.0\", \"event\": \"reservation/created\", \"timestamp\": " + t
                + ", \"propertyID\": 198765, \"propertyID_str\": \"198765\", \"reservationID\": \"8812345678\"}")).isEqualTo(202);
        JsonNode booked = awaitState("cloudbeds", "8812345678", "PENDING");
        assertThat(booked.path("validFrom").asText()).isEqualTo(at(ARRIVAL, LocalTime.of(15, 0), "Europe/Lisbon").toString());
        assertThat(booked.path("venueId").asText()).isEqualTo("198765");

        assertThat(post("/webhooks/cloudbeds?token=cb-secret", "{\"version\": \"1.0\", \"event\": \"reservation/deleted\", \"timestamp\": " + (t + 5)
                + ", \"propertyID\": 198765, \"reservationId\": \"8812345678\"}")).isEqualTo(202);
        awaitState("cloudbeds", "8812345678", "REVOKED");
        assertThat(cloudbeds.contractViolations()).isEmpty();
    }

    @Test
    void eventbrite_an_order_books_its_attendee_and_an_attendee_notification_cancels_it() throws Exception {
        String api = eventbrite.url();
        assertThat(post("/webhooks/eventbrite?token=eb-secret", "{\"config\": {\"action\": \"order.placed\", \"webhook_id\": \"5813920\"}, "
                + "\"api_url\": \"" + api + "/v3/orders/548532261/\"}")).isEqualTo(202);
        JsonNode booked = awaitState("eventbrite", "548532261-690507907", "PENDING");
        assertThat(booked.path("validFrom").asText()).isEqualTo(at(ARRIVAL, LocalTime.of(19, 0), "America/Los_Angeles").toString());

        attendeeCancelled.set(true);
        assertThat(post("/webhooks/eventbrite?token=eb-secret", "{\"config\": {\"action\": \"attendee.updated\", \"webhook_id\": \"5813920\"}, "
                + "\"api_url\": \"" + api + "/v3/events/27647564610/attendees/690507907/\"}")).isEqualTo(202);
        awaitState("eventbrite", "548532261-690507907", "REVOKED");
    }

    @Test
    void apaleo_a_created_reservation_books_in_berlin_time_and_a_cancellation_ends_it() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("hook:hook-pw".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/webhooks/apaleo", "{\"topic\": \"Reservation\", \"type\": \"created\", \"id\": \"9f1e2d3c-aaaa-4bbb-8ccc-0123456789ab\", "
                + "\"accountId\": \"DEMO\", \"propertyId\": \"BER\", \"timestamp\": " + Instant.now().toEpochMilli() + ", \"data\": {\"entityId\": \"QWERTYU-1\"}}",
                "Authorization", basic)).isEqualTo(202);
        JsonNode booked = awaitState("apaleo", "QWERTYU-1", "PENDING");
        assertThat(booked.path("validFrom").asText()).isEqualTo(at(ARRIVAL, LocalTime.of(15, 0), "Europe/Berlin").toString());
        assertThat(booked.path("validUntil").asText()).isEqualTo(at(DEPARTURE, LocalTime.of(11, 0), "Europe/Berlin").toString());

        apaleoStatus.set("Canceled");
        apaleoModified.set("2026-11-02T10:00:00Z");
        assertThat(post("/webhooks/apaleo", "{\"topic\": \"Reservation\", \"type\": \"canceled\", \"id\": \"9f1e2d3c-bbbb-4bbb-8ccc-0123456789ab\", "
                + "\"accountId\": \"DEMO\", \"propertyId\": \"BER\", \"timestamp\": " + Instant.now().toEpochMilli() + ", \"data\": {\"entityId\": \"QWERTYU-1\"}}",
                "Authorization", basic)).isEqualTo(202);
        awaitState("apaleo", "QWERTYU-1", "REVOKED");
    }

    @Test
    void opera_a_new_reservation_from_the_queue_books_in_london_time_and_a_cancellation_ends_it() throws Exception {
        ohip.reservationEvent("17009");
        JsonNode booked = awaitState("opera", "17009", "PENDING");
        assertThat(booked.path("validFrom").asText()).isEqualTo(at(LocalDate.now().plusDays(3), LocalTime.of(15, 0), "Europe/London").toString());
        assertThat(booked.path("venueId").asText()).isEqualTo("HQLON");

        ohip.reservationEvent("17009", "UPDATE RESERVATION", "Cancelled");
        awaitState("opera", "17009", "REVOKED");
        assertThat(ohip.contractViolations()).isEmpty();
    }
}
