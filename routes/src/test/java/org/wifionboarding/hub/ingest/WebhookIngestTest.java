package org.wifionboarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

class WebhookIngestTest {

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

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private static String event(String eventId, String bookingId) {
        return generic(eventId, "confirmed", "2026-11-01T10:00:00Z", "hotel-paris", bookingId, "2027-01-10", "2027-01-12");
    }

    private static long reviewItemsWith(String fragment) {
        return hub.jdbc().queryForObject("SELECT COUNT(*) FROM review_item WHERE reason LIKE ?", Long.class, "%" + fragment + "%");
    }

    @Test
    void accepts_a_valid_event_with_202_and_the_booking_follows() throws Exception {
        HttpResponse<String> response = hub.postGeneric(event("ing-1", "B-ING-1"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("status").asText()).isEqualTo("accepted");
        assertThat(json(response).path("eventId").asText()).isNotBlank();
        assertThat(response.headers().firstValue("Authorization")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/B-ING-1").statusCode() == 200);
        JsonNode booking = json(hub.getAdmin("/api/bookings/generic/B-ING-1"));
        assertThat(booking.path("state").asText()).isEqualTo("PENDING");
        assertThat(booking.path("validFrom").asText()).isEqualTo("2027-01-10T14:00:00Z");
        assertThat(booking.toString()).doesNotContain(GuestEvents.EMAIL).doesNotContain(GuestEvents.NAME).doesNotContain("passphrase");
    }

    @Test
    void answers_a_repeated_event_with_200_duplicate_and_the_first_event_id() throws Exception {
        HttpResponse<String> first = hub.postGeneric(event("ing-dup", "B-ING-DUP"));
        HttpResponse<String> second = hub.postGeneric(event("ing-dup", "B-ING-DUP"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).path("status").asText()).isEqualTo("duplicate");
        assertThat(json(second).path("eventId").asText()).isEqualTo(json(first).path("eventId").asText());
    }

    @Test
    void the_key_is_in_the_database_when_the_202_arrives_so_a_repeat_after_a_crash_is_a_duplicate() throws Exception {
        // with normalise stopped, only the ingest route can have written the key
        hub.context().getRouteController().stopRoute("normalise");
        try {
            HttpResponse<String> response = hub.postGeneric(event("ing-kept", "B-ING-KEPT"));

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(hub.jdbc().queryForList("SELECT event_id FROM ingest_key WHERE source = 'generic' AND event_key = 'ing-kept'", String.class))
                    .containsExactly(json(response).path("eventId").asText());
        } finally {
            hub.context().getRouteController().startRoute("normalise");
        }
    }

    @Test
    void copies_arriving_at_once_make_one_accepted_event_and_one_booking_change() throws Exception {
        int copies = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return hub.postGeneric(event("ing-race", "B-ING-RACE"));
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            statuses.add(answer.get().statusCode());
            ids.add(json(answer.get()).path("eventId").asText());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(202, 200).filteredOn(s -> s == 202).hasSize(1);
        assertThat(ids).containsOnly(ids.get(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/B-ING-RACE").statusCode() == 200);
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking_timeline WHERE booking_id = 'B-ING-RACE' AND entry LIKE 'CONFIRMED%'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void rejects_a_payload_without_departure_date_naming_the_field_and_keeps_it_for_review() throws Exception {
        String body = event("ing-nodep", "B-ING-NODEP").replace("\"departure\": \"2027-01-12\",", "");
        HttpResponse<String> response = hub.postGeneric(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("departure");
        assertThat(problem.path("errors").get(0).path("reason").asText()).contains("required");
        assertThat(reviewItemsWith("departure: required")).isEqualTo(1);
    }

    @Test
    void rejects_a_departure_before_the_arrival() throws Exception {
        HttpResponse<String> response = hub.postGeneric(generic("ing-back", "confirmed", "2026-11-01T10:00:00Z", "hotel-paris",
                "B-ING-BACK", "2027-01-12", "2027-01-10"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("departure");
    }

    @Test
    void rejects_a_phone_that_is_not_e164_and_a_guest_with_neither_email_nor_phone() throws Exception {
        HttpResponse<String> badPhone = hub.postGeneric(event("ing-phone", "B-PHONE").replace(GuestEvents.PHONE, "06 55 50 12 34"));
        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(json(badPhone).path("errors").findValuesAsText("field")).contains("guest.phone");
        assertThat(badPhone.body()).doesNotContain("06 55 50 12 34");

        String unreachable = event("ing-none", "B-NONE").replace("\"email\": \"" + GuestEvents.EMAIL + "\", \"phone\": \"" + GuestEvents.PHONE + "\", ", "");
        assertThat(hub.postGeneric(unreachable).statusCode()).isEqualTo(400);
    }

    @Test
    void rejects_a_body_that_is_not_json() throws Exception {
        HttpResponse<String> response = hub.postGeneric("{\"eventId\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void refuses_wrong_or_missing_credentials_with_401_and_keeps_nothing() throws Exception {
        long before = hub.jdbc().queryForObject("SELECT COUNT(*) FROM review_item", Long.class);
        assertThat(hub.post("/webhooks/generic", "application/json", event("ing-401", "B-401"), "Authorization", "Bearer nope").statusCode())
                .isEqualTo(401);
        assertThat(hub.post("/webhooks/generic", "application/json", event("ing-401", "B-401")).statusCode()).isEqualTo(401);
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM review_item", Long.class)).isEqualTo(before);
    }

    @Test
    void answers_404_for_an_unknown_source_and_for_a_source_without_its_secret() throws Exception {
        HttpResponse<String> unknown = hub.post("/webhooks/nosuchpms", "application/json", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(hub.post("/webhooks/mews?token=anything", "application/json", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void answers_415_for_a_form_and_413_for_a_body_over_one_mebibyte() throws Exception {
        HttpResponse<String> form = hub.post("/webhooks/generic", "application/x-www-form-urlencoded", "eventId=1&type=confirmed",
                "Authorization", "Bearer " + RunningHub.GENERIC_TOKEN);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        String huge = "{\"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> large = hub.post("/webhooks/generic", "application/json", huge, "Authorization", "Bearer " + RunningHub.GENERIC_TOKEN);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> chunked = hub.client().send(HttpRequest.newBuilder(hub.uri("/webhooks/generic"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + RunningHub.GENERIC_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(reviewItemsWith("Unsupported media type")).isPositive();
        assertThat(reviewItemsWith("Payload too large")).isPositive();
    }

    @Test
    void the_review_list_names_reasons_and_ids_but_no_guest() throws Exception {
        hub.postGeneric(event("ing-review", "B-REVIEW").replace("\"type\": \"confirmed\"", "\"type\": \"teleported\""));
        HttpResponse<String> list = hub.getAdmin("/api/review");

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode items = json(list).path("items");
        assertThat(items.findValuesAsText("reason")).anyMatch(r -> r.contains("type"));
        assertThat(list.body()).doesNotContain(GuestEvents.NAME).doesNotContain(GuestEvents.EMAIL).doesNotContain(GuestEvents.PHONE);
        byte[] kept = hub.context().getRegistry().lookupByNameAndType("reviewStore", org.wifionboarding.hub.store.ReviewStore.class)
                .payload(items.get(0).path("id").asLong());
        assertThat(new String(kept)).contains("teleported");
        byte[] atRest = hub.jdbc().queryForObject("SELECT payload_enc FROM review_item WHERE id = ?", byte[].class, items.get(0).path("id").asLong());
        assertThat(new String(atRest, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("teleported").doesNotContain("Quillard");
    }

    @Test
    void the_admin_api_needs_its_bearer_token() throws Exception {
        HttpResponse<String> anonymous = hub.get("/api/review");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(hub.get("/api/bookings/generic/B-ING-1").statusCode()).isEqualTo(401);
        assertThat(hub.getAdmin("/api/bookings/generic/never-seen").statusCode()).isEqualTo(404);
    }

    @Test
    void a_retry_after_a_crash_between_the_durable_send_and_the_key_commit_is_applied_exactly_once() throws Exception {
        // the state such a crash leaves: the event is on the broker, its key is not in the ledger (deleted here)
        hub.context().getRouteController().stopRoute("normalise");
        HttpResponse<String> first;
        HttpResponse<String> retry;
        try {
            first = hub.postGeneric(event("ing-crash", "B-ING-CRASH"));
            assertThat(first.statusCode()).isEqualTo(202);
            hub.jdbc().update("DELETE FROM ingest_key WHERE source = 'generic' AND event_key = 'ing-crash'");

            retry = hub.postGeneric(event("ing-crash", "B-ING-CRASH"));   // the sender never heard the 202
        } finally {
            hub.context().getRouteController().startRoute("normalise");
        }

        assertThat(retry.statusCode()).isIn(200, 202);
        assertThat(json(retry).path("eventId").asText()).isEqualTo(json(first).path("eventId").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/B-ING-CRASH").statusCode() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.jdbc().queryForObject(
                "SELECT COUNT(*) FROM booking_timeline WHERE booking_id = 'B-ING-CRASH' AND entry LIKE 'CONFIRMED%'", Long.class) == 1);
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE booking_id = 'B-ING-CRASH'", Long.class)).isEqualTo(1);
    }

    @Test
    void a_copy_waiting_for_a_first_copy_whose_send_fails_is_accepted_itself_not_told_duplicate() throws Exception {
        // the sender gave up on a slow first copy and retried; the first copy's send to the broker then failed (answered 503,
        // a failure the route handles): the waiting retry must not hear "duplicate" of an event the broker never stored
        CountDownLatch firstInSend = new CountDownLatch(1);
        CountDownLatch failFirst = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        org.apache.camel.builder.AdviceWith.adviceWith(hub.context(), "accept", route -> route.weaveById("send-inbound").before()
                .process(exchange -> {
                    if ("ing-send-fails".equals(exchange.getMessage().getHeader(org.wifionboarding.hub.HubHeaders.DEDUPE_KEY))
                            && armed.compareAndSet(true, false)) {
                        firstInSend.countDown();
                        failFirst.await();
                        throw new jakarta.jms.JMSException("the broker went away");
                    }
                }));
        WebhookIntake intake = hub.context().getRegistry().lookupByNameAndType("webhookIntake", WebhookIntake.class);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> first = senders.submit(() -> hub.postGeneric(event("ing-send-fails", "B-ING-SEND-FAILS")));
            assertThat(firstInSend.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Future<HttpResponse<String>> retry = senders.submit(() -> hub.postGeneric(event("ing-send-fails", "B-ING-SEND-FAILS")));
            await().atMost(Duration.ofSeconds(20)).until(() -> intake.waitingCopies("generic", "ing-send-fails") == 1);
            failFirst.countDown();

            assertThat(first.get().statusCode()).isEqualTo(503);
            assertThat(retry.get().statusCode()).as(retry.get().body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/B-ING-SEND-FAILS").statusCode() == 200);
        } finally {
            failFirst.countDown();
            senders.shutdown();
        }
    }

    @Test
    void the_event_id_is_the_same_for_every_copy_and_derives_from_the_source_and_its_key() throws Exception {
        HttpResponse<String> response = hub.postGeneric(event("ing-derived", "B-ING-DERIVED"));

        assertThat(json(response).path("eventId").asText()).isEqualTo(EventIdentity.of("generic", "ing-derived"))
                .isNotEqualTo(EventIdentity.of("zapier", "ing-derived")).isNotEqualTo(EventIdentity.of("generic", "ing-derived2"));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> hostile_bodies() {
        String valid = event("ing-hostile", "B-HOSTILE");
        byte[] overlong = valid.replace("B-HOSTILE", "B-HOSTILE-@@").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(overlong, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("@@");
        byte[] overlongSlash = overlong.clone();
        overlongSlash[at] = (byte) 0xC0;
        overlongSlash[at + 1] = (byte) 0xAF;
        byte[] surrogate = (valid.replace("B-HOSTILE", "B-HOSTILE-@@@")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int s = new String(surrogate, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("@@@");
        surrogate[s] = (byte) 0xED;
        surrogate[s + 1] = (byte) 0xA0;
        surrogate[s + 2] = (byte) 0x80;
        String soon = java.time.LocalDate.now().plusDays(10).toString();
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("trailing garbage", (valid.strip() + "}}garbage").getBytes(), "$"),
                org.junit.jupiter.params.provider.Arguments.of("two objects", (valid.strip() + valid.strip()).getBytes(), "$"),
                org.junit.jupiter.params.provider.Arguments.of("overlong UTF-8", overlongSlash, "$"),
                org.junit.jupiter.params.provider.Arguments.of("UTF-8 surrogate", surrogate, "$"),
                org.junit.jupiter.params.provider.Arguments.of("duplicate key", valid.replace("\"type\": \"confirmed\"",
                        "\"type\": \"confirmed\", \"bookingId\": \"B-OTHER\"").getBytes(), "$"),
                org.junit.jupiter.params.provider.Arguments.of("a 20-year stay", generic("ing-h20", "confirmed", "2026-11-01T10:00:00Z", "hotel-paris",
                        "B-H20", soon, java.time.LocalDate.now().plusYears(20).toString()).getBytes(), "departure"),
                org.junit.jupiter.params.provider.Arguments.of("a 7999-year stay", generic("ing-h7999", "confirmed", "2026-11-01T10:00:00Z",
                        "hotel-paris", "B-H7999", soon, "9999-01-01").getBytes(), "departure"),
                org.junit.jupiter.params.provider.Arguments.of("arrival in year 9999", generic("ing-h9999", "confirmed", "2026-11-01T10:00:00Z",
                        "hotel-paris", "B-H9999", "9999-01-01", "9999-01-03").getBytes(), "arrival"),
                org.junit.jupiter.params.provider.Arguments.of("NUL in bookingId", generic("ing-nul1", "confirmed", "2026-11-01T10:00:00Z",
                        "hotel-paris", "B-\\u0000-NUL", soon, soon).getBytes(), "bookingId"),
                org.junit.jupiter.params.provider.Arguments.of("NUL in venueId", generic("ing-nul2", "confirmed", "2026-11-01T10:00:00Z",
                        "hotel-\\u0000", "B-NUL2", soon, soon).getBytes(), "venueId"),
                org.junit.jupiter.params.provider.Arguments.of("NUL in eventId", generic("ing-\\u0000", "confirmed", "2026-11-01T10:00:00Z",
                        "hotel-paris", "B-NUL3", soon, soon).getBytes(), "eventId"),
                org.junit.jupiter.params.provider.Arguments.of("newline in bookingId", generic("ing-nl", "confirmed", "2026-11-01T10:00:00Z",
                        "hotel-paris", "B-\\nFORGED", soon, soon).getBytes(), "bookingId"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("hostile_bodies")
    void refuses_hostile_input_with_400_naming_the_field_keeps_it_for_review_and_creates_nothing(String what, byte[] body, String field)
            throws Exception {
        long reviewBefore = hub.jdbc().queryForObject("SELECT COUNT(*) FROM review_item", Long.class);
        long keysBefore = hub.jdbc().queryForObject("SELECT COUNT(*) FROM ingest_key", Long.class);
        HttpResponse<String> response = hub.client().send(HttpRequest.newBuilder(hub.uri("/webhooks/generic"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + RunningHub.GENERIC_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).path("errors").findValuesAsText("field")).as(what).contains(field);
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM review_item", Long.class)).isEqualTo(reviewBefore + 1);
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM ingest_key", Long.class)).isEqualTo(keysBefore);
    }

    @Test
    void accepts_what_the_contract_allows_an_instant_without_seconds_and_a_reserved_test_domain() throws Exception {
        String soon = java.time.LocalDate.now().plusDays(10).toString();
        String later = java.time.LocalDate.now().plusDays(12).toString();
        HttpResponse<String> noSeconds = hub.postGeneric(generic("ing-nosec", "confirmed", "2026-11-01T10:00Z", "hotel-paris", "B-NOSEC",
                soon, later));
        HttpResponse<String> testDomain = hub.postGeneric(generic("ing-testdomain", "confirmed", "2026-11-01T10:00:00+01:00", "hotel-paris",
                "B-TESTDOMAIN", soon, later).replace(GuestEvents.EMAIL, "guest@hotel.test"));
        HttpResponse<String> exampleDomain = hub.postGeneric(generic("ing-exdomain", "confirmed", "2026-11-01T10:00:00Z", "hotel-paris",
                "B-EXDOMAIN", soon, later).replace(GuestEvents.EMAIL, "guest@conference.example"));

        assertThat(noSeconds.statusCode()).as(noSeconds.body()).isEqualTo(202);
        assertThat(testDomain.statusCode()).as(testDomain.body()).isEqualTo(202);
        assertThat(exampleDomain.statusCode()).as(exampleDomain.body()).isEqualTo(202);
    }

    @Test
    void the_readme_shows_the_generic_schema_as_it_is() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        String schema = new String(getClass().getClassLoader().getResourceAsStream("schemas/generic.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(readme).contains("```json\n" + schema + "\n```");
    }
}
