package org.wifionboarding.hub.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.CredentialState;
import org.wifionboarding.hub.store.DeliveryState;

/** The lifecycle table (docs/architecture.md) on a real (H2) database, in every order events can arrive. */
class BookingLifecycleTest {

    private static final Guest GUEST = new Guest("g-1", "Ada Guest", "ada@example.org", "+33600000001", "fr", null);
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final StageFixture hub = new StageFixture(NOW);
    private final HikariDataSource dataSource = hub.dataSource;
    private final BookingStore store = hub.store;
    private final AtRestCipher cipher = hub.cipher;
    private final BookingLifecycle lifecycle = hub.lifecycle();

    @AfterEach
    void close() {
        hub.close();
    }

    private static BookingEvent event(String id, EventType type, String version, String arrival, String departure, Guest guest) {
        return new BookingEvent(id, "generic", id, type, Instant.parse(version), version, "paris", "BK-1", BookingKind.STAY,
                arrival, departure, null, guest);
    }

    private static BookingEvent event(String id, EventType type, String version, String arrival, String departure) {
        return event(id, type, version, arrival, departure, GUEST);
    }

    private Booking booking() {
        return store.find("generic", "BK-1").orElseThrow();
    }

    private List<String> timeline() {
        return store.timeline("generic", "BK-1").stream().map(e -> (String) e.get("entry")).toList();
    }

    @Test
    void a_confirmation_makes_a_pending_credential_and_schedules_delivery_a_lead_before_check_in() {
        LifecycleOutcome outcome = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));

        Booking b = booking();
        assertThat(b.state).isEqualTo(CredentialState.PENDING);
        assertThat(b.validFrom).isEqualTo(Instant.parse("2026-12-10T14:00:00Z"));
        assertThat(b.validUntil).isEqualTo(Instant.parse("2026-12-12T10:00:00Z"));
        assertThat(b.deliveryState).isEqualTo(DeliveryState.SCHEDULED);
        assertThat(outcome.provision()).isTrue();
        assertThat(outcome.deliverAt()).isEqualTo(Instant.parse("2026-12-09T14:00:00Z"));
        assertThat(outcome.deliveryToken()).isEqualTo(b.deliveryToken);
    }

    @Test
    void the_purge_forgets_guest_passphrase_and_devices_of_stays_ended_before_the_retention_and_keeps_the_rest() {
        lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        lifecycle.apply(new BookingEvent("e2", "generic", "e2", EventType.CONFIRMED, Instant.parse("2026-12-01T08:00:00Z"), "2026-12-01T08:00:00Z",
                "paris", "BK-2", BookingKind.STAY, "2026-12-20", "2026-12-22", null, GUEST));
        store.devices("generic", "BK-1", cipher.encryptText("[\"a4:83:e7:12:34:56\"]"), hub.now());
        GuestDataPurge purge = new GuestDataPurge(store, new org.wifionboarding.hub.store.ReviewStore(dataSource, cipher), java.time.Period.ofDays(30),
                Clock.fixed(Instant.parse("2027-01-15T12:00:00Z"), ZoneOffset.UTC));   // BK-1 ended 34 days ago, BK-2 24 days ago

        List<String[]> purged = purge.purge();

        assertThat(purged).extracting(k -> k[1]).containsExactly("BK-1");
        Booking gone = booking();
        assertThat(gone.guestEnc).isNull();
        assertThat(gone.passphraseEnc).isNull();
        assertThat(store.devices("generic", "BK-1")).isNull();
        assertThat(gone.purgedAt).isNotNull();
        assertThat(timeline()).last().asString().contains("purged");
        Booking kept = store.find("generic", "BK-2").orElseThrow();
        assertThat(kept.guestEnc).isNotNull();
        assertThat(kept.passphraseEnc).isNotNull();
        assertThat(purge.purge()).as("once only").isEmpty();
    }

    @Test
    void passphrase_and_guest_are_encrypted_at_rest() {
        lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));

        Booking b = booking();
        String passphrase = cipher.decryptText(b.passphraseEnc);
        assertThat(passphrase).hasSize(12);
        assertThat(new String(b.passphraseEnc, StandardCharsets.ISO_8859_1)).doesNotContain(passphrase);
        assertThat(new String(b.guestEnc, StandardCharsets.ISO_8859_1)).doesNotContain("ada@example.org").doesNotContain("Ada");
    }

    @Test
    void a_modification_moves_the_window_and_reschedules_delivery_with_a_new_token() {
        LifecycleOutcome first = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        LifecycleOutcome moved = lifecycle.apply(event("e2", EventType.MODIFIED, "2026-12-01T08:30:00Z", "2026-12-11", "2026-12-14"));

        assertThat(booking().validUntil).isEqualTo(Instant.parse("2026-12-14T10:00:00Z"));
        assertThat(moved.deliverAt()).isEqualTo(Instant.parse("2026-12-10T14:00:00Z"));
        assertThat(moved.deliveryToken()).isGreaterThan(first.deliveryToken());
        assertThat(moved.provision()).isTrue();
    }

    @Test
    void an_older_modification_arriving_after_a_newer_one_is_recorded_and_ignored() {
        lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        lifecycle.apply(event("e3", EventType.MODIFIED, "2026-12-01T08:45:00Z", "2026-12-10", "2026-12-15"));
        LifecycleOutcome stale = lifecycle.apply(event("e2", EventType.MODIFIED, "2026-12-01T08:30:00Z", "2026-12-10", "2026-12-13"));

        assertThat(booking().validUntil).isEqualTo(Instant.parse("2026-12-15T10:00:00Z"));
        assertThat(stale.provision()).isFalse();
        assertThat(stale.deliver()).isFalse();
        assertThat(timeline()).last().asString().startsWith("MODIFIED ignored (version 2026-12-01T08:30:00Z is older");
    }

    @Test
    void a_checkout_before_its_confirmation_is_recorded_and_the_older_confirmation_then_ignored() {
        LifecycleOutcome checkout = lifecycle.apply(event("e9", EventType.CHECKED_OUT, "2026-12-01T08:50:00Z", "2026-12-10", "2026-12-12"));
        assertThat(booking().state).isEqualTo(CredentialState.NONE);
        assertThat(checkout.provision()).isFalse();

        LifecycleOutcome confirm = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        assertThat(booking().state).isEqualTo(CredentialState.NONE);
        assertThat(booking().passphraseEnc).isNull();
        assertThat(confirm.deliver()).isFalse();
    }

    @Test
    void a_cancellation_of_a_booking_never_seen_is_recorded_only() {
        LifecycleOutcome outcome = lifecycle.apply(event("e1", EventType.CANCELLED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));

        assertThat(booking().state).isEqualTo(CredentialState.NONE);
        assertThat(outcome.provision()).isFalse();
        assertThat(timeline()).containsExactly("CANCELLED: recorded, no credential");
    }

    @Test
    void a_check_in_activates_and_delivers_at_once_when_not_yet_delivered() {
        lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        hub.now(Instant.parse("2026-12-10T13:00:00Z"));
        LifecycleOutcome checkIn = lifecycle.apply(event("e2", EventType.CHECKED_IN, "2026-12-10T12:59:00Z", "2026-12-10", "2026-12-12"));

        assertThat(booking().state).isEqualTo(CredentialState.ACTIVE);
        assertThat(checkIn.deliverAt()).isEqualTo(hub.now());
        assertThat(checkIn.provision()).isTrue();
    }

    @Test
    void a_check_in_for_an_unknown_booking_creates_an_active_credential_delivered_now() {
        LifecycleOutcome outcome = lifecycle.apply(event("e1", EventType.CHECKED_IN, "2026-12-01T08:59:00Z", "2026-12-01", "2026-12-03"));

        assertThat(booking().state).isEqualTo(CredentialState.ACTIVE);
        assertThat(outcome.deliverAt()).isEqualTo(NOW);
    }

    @Test
    void an_early_checkout_revokes_at_once_and_calls_off_a_pending_delivery() {
        LifecycleOutcome confirm = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        LifecycleOutcome out = lifecycle.apply(event("e2", EventType.CHECKED_OUT, "2026-12-01T08:10:00Z", "2026-12-10", "2026-12-12"));

        assertThat(booking().state).isEqualTo(CredentialState.REVOKED);
        assertThat(booking().deliveryState).isEqualTo(DeliveryState.CANCELLED);
        assertThat(booking().deliveryToken).isGreaterThan(confirm.deliveryToken());
        assertThat(out.provision()).isTrue();
        assertThat(out.deliver()).isFalse();
    }

    @Test
    void a_shortened_stay_whose_new_end_is_past_revokes() {
        hub.now(Instant.parse("2026-12-11T09:00:00Z"));
        lifecycle.apply(event("e1", EventType.CHECKED_IN, "2026-12-10T14:00:00Z", "2026-12-10", "2026-12-14"));
        LifecycleOutcome shortened = lifecycle.apply(event("e2", EventType.MODIFIED, "2026-12-11T08:00:00Z", "2026-12-10", "2026-12-11T08:00"));

        assertThat(booking().state).isEqualTo(CredentialState.REVOKED);
        assertThat(shortened.provision()).isTrue();
        assertThat(timeline()).last().asString().contains("credential revoked");
    }

    @Test
    void an_extension_moves_valid_until_on_an_active_credential() {
        hub.now(Instant.parse("2026-12-11T09:00:00Z"));
        lifecycle.apply(event("e1", EventType.CHECKED_IN, "2026-12-10T14:00:00Z", "2026-12-10", "2026-12-12"));
        LifecycleOutcome extended = lifecycle.apply(event("e2", EventType.MODIFIED, "2026-12-11T08:00:00Z", "2026-12-10", "2026-12-15"));

        assertThat(booking().state).isEqualTo(CredentialState.ACTIVE);
        assertThat(booking().validUntil).isEqualTo(Instant.parse("2026-12-15T10:00:00Z"));
        assertThat(extended.provision()).isTrue();
    }

    @Test
    void a_revoked_credential_stays_revoked_whatever_comes_next() {
        lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        lifecycle.apply(event("e2", EventType.CANCELLED, "2026-12-01T08:10:00Z", "2026-12-10", "2026-12-12"));
        LifecycleOutcome again = lifecycle.apply(event("e3", EventType.CONFIRMED, "2026-12-01T08:20:00Z", "2026-12-10", "2026-12-13"));

        assertThat(booking().state).isEqualTo(CredentialState.REVOKED);
        assertThat(again.provision()).isFalse();
        assertThat(again.deliver()).isFalse();
    }

    @Test
    void an_event_marked_applied_whose_booking_did_not_survive_is_applied_again() {
        store.markApplied("e1", NOW);   // the state one SIGKILL left behind on H2: the marker, no booking
        LifecycleOutcome outcome = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));

        assertThat(booking().state).isEqualTo(CredentialState.PENDING);
        assertThat(outcome.provision()).isTrue();
        assertThat(outcome.deliver()).isTrue();
    }

    @Test
    void the_same_event_applied_twice_changes_nothing_more_and_resends_its_messages() {
        LifecycleOutcome first = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        String passphrase = cipher.decryptText(booking().passphraseEnc);
        LifecycleOutcome again = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));

        assertThat(cipher.decryptText(booking().passphraseEnc)).isEqualTo(passphrase);
        assertThat(again).usingRecursiveComparison().ignoringFields("booking").isEqualTo(first);
        assertThat(timeline()).hasSize(1);
    }

    @Test
    void a_moved_stay_whose_guest_no_channel_reaches_any_more_is_flagged_and_counted() {
        lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        Guest unreachable = new Guest("g-1", "Ada Guest", null, null, "fr", null);
        LifecycleOutcome moved = lifecycle.apply(event("e2", EventType.MODIFIED, "2026-12-01T08:10:00Z", "2026-12-11", "2026-12-13", unreachable));

        assertThat(moved.frontDesk()).isTrue();
        assertThat(booking().frontDesk).isTrue();
        assertThat(booking().deliveryState).isEqualTo(DeliveryState.FAILED);
    }

    @Test
    void a_guest_without_email_is_flagged_for_the_front_desk() {
        lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12",
                new Guest(null, "No Mail", null, "+33600000002", null, null)));

        assertThat(booking().deliveryState).isEqualTo(DeliveryState.FAILED);
        assertThat(booking().deliveryError).contains("front desk");
    }

    @Test
    void a_stay_that_is_already_over_gets_no_credential() {
        hub.now(Instant.parse("2026-12-20T09:00:00Z"));
        LifecycleOutcome outcome = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));

        assertThat(booking().state).isEqualTo(CredentialState.NONE);
        assertThat(outcome.provision()).isFalse();
    }

    @Test
    void source_versions_compare_as_instants_numbers_or_text() {
        assertThat(SourceVersions.isOlder("2026-12-01T08:00:00.500Z", "2026-12-01T08:00:01Z")).isTrue();
        assertThat(SourceVersions.isOlder("2026-12-01T08:00:01Z", "2026-12-01T08:00:00.500Z")).isFalse();
        assertThat(SourceVersions.isOlder("9", "10")).isTrue();
        assertThat(SourceVersions.isOlder(null, "10")).isFalse();
    }

    private static BookingEvent on(String bookingId, String id, EventType type, String version, String arrival, String departure) {
        return new BookingEvent(bookingId + "-" + id, "generic", id, type, Instant.parse(version), version, "paris", bookingId, BookingKind.STAY,
                arrival, departure, null, GUEST);
    }

    /** The lifecycle table, cell by cell: the credential's state before, the event, the state after. */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "NONE, CONFIRMED, PENDING", "NONE, MODIFIED, PENDING", "NONE, CHECKED_IN, ACTIVE", "NONE, CHECKED_OUT, NONE", "NONE, CANCELLED, NONE",
            "PENDING, CONFIRMED, PENDING", "PENDING, MODIFIED, PENDING", "PENDING, CHECKED_IN, ACTIVE", "PENDING, CHECKED_OUT, REVOKED",
            "PENDING, CANCELLED, REVOKED",
            "ACTIVE, CONFIRMED, ACTIVE", "ACTIVE, MODIFIED, ACTIVE", "ACTIVE, CHECKED_IN, ACTIVE", "ACTIVE, CHECKED_OUT, REVOKED",
            "ACTIVE, CANCELLED, REVOKED",
            "REVOKED, CONFIRMED, REVOKED", "REVOKED, MODIFIED, REVOKED", "REVOKED, CHECKED_IN, REVOKED", "REVOKED, CHECKED_OUT, REVOKED",
            "REVOKED, CANCELLED, REVOKED"})
    void every_cell_of_the_lifecycle_table(CredentialState before, EventType event, CredentialState after) {
        String id = "BK-CELL";
        switch (before) {
            case NONE -> { }
            case PENDING -> lifecycle.apply(on(id, "a", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
            case ACTIVE -> lifecycle.apply(on(id, "a", EventType.CHECKED_IN, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
            case REVOKED -> {
                lifecycle.apply(on(id, "a", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
                lifecycle.apply(on(id, "b", EventType.CANCELLED, "2026-12-01T08:01:00Z", "2026-12-10", "2026-12-12"));
            }
        }
        LifecycleOutcome outcome = lifecycle.apply(on(id, "c", event, "2026-12-01T08:30:00Z", "2026-12-10", "2026-12-13"));

        Booking b = store.find("generic", id).orElseThrow();
        assertThat(b.state).isEqualTo(after);
        boolean changed = before != after || after.live();   // every event here also moves the window a day
        assertThat(outcome.provision()).as("provisioning asked").isEqualTo(changed && after != CredentialState.NONE);
        if (after.live()) {
            assertThat(b.validUntil).isEqualTo(Instant.parse("2026-12-13T10:00:00Z"));
        }
    }

    /** Check-in, extension and checkout of one stay, in all 24 orders: whatever the order, the stay ends with no live credential. */
    @Test
    void in_every_order_a_checked_out_stay_ends_without_a_live_credential() {
        List<BookingEvent> events = List.of(
                on("P", "1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"),
                on("P", "2", EventType.MODIFIED, "2026-12-01T08:01:00Z", "2026-12-10", "2026-12-14"),
                on("P", "3", EventType.CHECKED_IN, "2026-12-01T08:02:00Z", "2026-12-10", "2026-12-14"),
                on("P", "4", EventType.CHECKED_OUT, "2026-12-01T08:03:00Z", "2026-12-10", "2026-12-14"));
        int orders = 0;
        for (List<Integer> order : permutations(List.of(0, 1, 2, 3))) {
            String bookingId = "BK-ORDER-" + order.stream().map(String::valueOf).reduce("", String::concat);
            for (int i : order) {
                BookingEvent e = events.get(i);
                lifecycle.apply(new BookingEvent(bookingId + e.eventId(), e.source(), e.sourceEventId(), e.type(), e.occurredAt(),
                        e.sourceVersion(), e.venueId(), bookingId, e.kind(), e.arrival(), e.departure(), e.room(), e.guest()));
            }
            Booking b = store.find("generic", bookingId).orElseThrow();
            assertThat(b.state.live()).as("order %s ends with %s", order, b.state).isFalse();
            assertThat(b.deliveryState).as("order %s", order).isNotIn(DeliveryState.SCHEDULED, DeliveryState.SENDING);
            orders++;
        }
        assertThat(orders).isEqualTo(24);
    }

    /** Confirmation, check-in and a later change in every order: the stay ends ACTIVE with the change's window (a late check-in still activates). */
    @Test
    void in_every_order_a_checked_in_stay_is_active_with_the_newest_window() {
        List<BookingEvent> events = List.of(
                on("A", "1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"),
                on("A", "2", EventType.CHECKED_IN, "2026-12-01T08:01:00Z", "2026-12-10", "2026-12-12"),
                on("A", "3", EventType.MODIFIED, "2026-12-01T08:02:00Z", "2026-12-10", "2026-12-14"));
        for (List<Integer> order : permutations(List.of(0, 1, 2))) {
            String bookingId = "BK-ACT-" + order.stream().map(String::valueOf).reduce("", String::concat);
            for (int i : order) {
                BookingEvent e = events.get(i);
                lifecycle.apply(new BookingEvent(bookingId + e.eventId(), e.source(), e.sourceEventId(), e.type(), e.occurredAt(),
                        e.sourceVersion(), e.venueId(), bookingId, e.kind(), e.arrival(), e.departure(), e.room(), e.guest()));
            }
            Booking b = store.find("generic", bookingId).orElseThrow();
            assertThat(b.state).as("order %s", order).isEqualTo(CredentialState.ACTIVE);
            assertThat(b.validUntil).as("order %s", order).isEqualTo(Instant.parse("2026-12-14T10:00:00Z"));
            assertThat(b.sourceVersion).as("order %s", order).isEqualTo("2026-12-01T08:02:00Z");
        }
    }

    @Test
    void a_cancellation_that_arrives_after_a_newer_change_still_ends_the_credential() {
        lifecycle.apply(event("c1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        lifecycle.apply(event("c3", EventType.MODIFIED, "2026-12-01T08:30:00Z", "2026-12-10", "2026-12-14"));

        LifecycleOutcome late = lifecycle.apply(event("c2", EventType.CANCELLED, "2026-12-01T08:10:00Z", "2026-12-10", "2026-12-12"));

        assertThat(booking().state).isEqualTo(CredentialState.REVOKED);
        assertThat(booking().sourceVersion).isEqualTo("2026-12-01T08:30:00Z");
        assertThat(late.provision()).isTrue();
        assertThat(timeline()).last().asString().startsWith("CANCELLED came late: credential revoked");
    }

    /** A confirmation and two changes in every order: the newest change's window wins. */
    @Test
    void in_every_order_the_newest_change_decides_the_window() {
        List<BookingEvent> events = List.of(
                on("W", "1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"),
                on("W", "2", EventType.MODIFIED, "2026-12-01T08:01:00Z", "2026-12-10", "2026-12-15"),
                on("W", "3", EventType.MODIFIED, "2026-12-01T08:02:00Z", "2026-12-11", "2026-12-13"));
        for (List<Integer> order : permutations(List.of(0, 1, 2))) {
            String bookingId = "BK-WIN-" + order.stream().map(String::valueOf).reduce("", String::concat);
            for (int i : order) {
                BookingEvent e = events.get(i);
                lifecycle.apply(new BookingEvent(bookingId + e.eventId(), e.source(), e.sourceEventId(), e.type(), e.occurredAt(),
                        e.sourceVersion(), e.venueId(), bookingId, e.kind(), e.arrival(), e.departure(), e.room(), e.guest()));
            }
            Booking b = store.find("generic", bookingId).orElseThrow();
            assertThat(b.state).as("order %s", order).isEqualTo(CredentialState.PENDING);
            assertThat(b.validFrom).as("order %s", order).isEqualTo(Instant.parse("2026-12-11T14:00:00Z"));
            assertThat(b.validUntil).as("order %s", order).isEqualTo(Instant.parse("2026-12-13T10:00:00Z"));
            assertThat(b.deliveryScheduled).as("order %s", order).isEqualTo(Instant.parse("2026-12-10T14:00:00Z"));
        }
    }

    @Test
    void an_on_confirm_credential_made_before_its_window_asks_to_be_provisioned_again_when_the_window_opens() {
        LifecycleOutcome outcome = lifecycle.apply(event("e1", EventType.CONFIRMED, "2026-12-01T08:00:00Z", "2026-12-10", "2026-12-12"));
        assertThat(outcome.activateLater()).isTrue();
        assertThat(outcome.activateAt()).isEqualTo(Instant.parse("2026-12-10T14:00:00Z"));
        assertThat(booking().activation).isEqualTo("on-confirm");
        assertThat(booking().credentialKind).isEqualTo("radius-account");
        assertThat(booking().target).isEqualTo("radius-sql");
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Integer>> all = new java.util.ArrayList<>();
        for (Integer first : items) {
            List<Integer> rest = new java.util.ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> order = new java.util.ArrayList<>(List.of(first));
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
