package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.admin.GuestErasure.Erasure;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AuditLog;
import org.wifionboarding.hub.store.ReviewStore;

/** What an erasure matches, erases and refuses, as plain values, on a real (H2) database: no Camel, no broker. */
class GuestErasureTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final StageFixture hub = new StageFixture(NOW);
    private final ReviewStore review = new ReviewStore(hub.dataSource, hub.cipher);
    private final AuditLog audit = new AuditLog(hub.dataSource, hub.clock);
    private final GuestErasure erasure = new GuestErasure(hub.store, review, hub.cipher, audit, hub.clock);

    @AfterEach
    void close() {
        hub.close();
    }

    private void booking(String bookingId, String email, String phone) {
        hub.lifecycle().apply(new BookingEvent("e-" + bookingId, "generic", "e-" + bookingId, EventType.CONFIRMED, NOW, NOW.toString(), "paris",
                bookingId, BookingKind.STAY, "2027-03-10", "2027-03-12", null, new Guest("g-" + bookingId, "Ana Guest", email, phone, "fr", null)));
    }

    private Erasure erase(String json, String actor) {
        return erasure.erase(json.getBytes(StandardCharsets.UTF_8), actor);
    }

    private boolean hasGuestData(String bookingId) {
        return hub.store.find("generic", bookingId).orElseThrow().guestEnc != null;
    }

    @Test
    void an_email_in_any_case_erases_every_booking_and_kept_payload_naming_it_and_revokes_nothing_unasked() {
        booking("B-1", "ana.erased@example.org", "+33655500001");
        booking("B-2", "Ana.Erased@Example.org", "+33655500002");
        booking("B-3", "someone.else@example.org", "+33655500003");
        review.keep("generic", "refused-1", 400, "departure: required", "{\"guest\":{\"email\":\"ANA.erased@example.org\"}}".getBytes(StandardCharsets.UTF_8));
        review.keep("generic", "refused-2", 400, "departure: required", "{\"guest\":{\"email\":\"other@example.org\"}}".getBytes(StandardCharsets.UTF_8));

        Erasure done = erase("{\"email\":\" ANA.ERASED@example.org \"}", "ops-token");

        assertThat(done).isEqualTo(new Erasure(2, 1, List.of()));
        assertThat(done.answer()).isEqualTo("{\"bookings\":2,\"reviewItems\":1,\"credentialsRevoked\":0}");
        assertThat(hasGuestData("B-1")).isFalse();
        assertThat(hasGuestData("B-2")).isFalse();
        assertThat(hasGuestData("B-3")).isTrue();
        AuditLog.Entry entry = audit.latest(1).get(0);
        assertThat(entry.actor()).isEqualTo("ops-token");
        assertThat(entry.toString()).contains("erase-guest-data", "by email", "2 booking(s), 1 review payload(s), 0 credential(s) revoked")
                .doesNotContainIgnoringCase("ana.erased");
    }

    @Test
    void a_phone_in_any_writing_with_revocation_names_the_bookings_whose_credentials_must_leave_the_network() {
        booking("B-10", "bo@example.org", "+33655500010");
        booking("B-11", "bo.too@example.org", "+33655500011");

        Erasure done = erase("{\"phone\":\"+33 6 55 50 00 10\",\"revokeCredentials\":true}", null);

        assertThat(done).isEqualTo(new Erasure(1, 0, List.of(BookingRef.of("generic", "B-10"))));
        assertThat(hub.store.find("generic", "B-10").orElseThrow().passphraseEnc).isNull();
        assertThat(hasGuestData("B-11")).isTrue();
        assertThat(audit.latest(1).get(0).actor()).as("no token named: the admin").isEqualTo(AuditLog.ADMIN);
        // a second request finds nothing left to erase
        assertThat(erase("{\"phone\":\"+33655500010\",\"revokeCredentials\":true}", null)).isEqualTo(new Erasure(0, 0, List.of()));
    }

    @Test
    void a_request_naming_both_neither_a_malformed_value_or_something_else_is_refused_naming_the_field() {
        booking("B-20", "kept@example.org", "+33655500020");
        for (String[] c : new String[][] {{"{\"email\":\"a@example.org\",\"phone\":\"+33655500001\"}", "phone"}, {"{}", "email"},
                {"{\"email\":\"not-an-address\"}", "email"}, {"{\"phone\":\"06 12 34 56 78\"}", "phone"}, {"{\"email\":\"a@example.org\",\"name\":\"A\"}", "name"},
                {"{\"phone\":\"+33655500001\",\"revokeCredentials\":\"yes\"}", "revokeCredentials"}}) {
            assertThatThrownBy(() -> erase(c[0], null)).as(c[0]).isInstanceOfSatisfying(WebhookRejection.class,
                    refused -> assertThat(refused.problem().errors().get(0).field()).isEqualTo(c[1]));
        }
        assertThat(hasGuestData("B-20")).isTrue();
        assertThat(audit.latest(10)).as("a refused request erased nothing, so there is nothing to audit").isEmpty();
    }
}
