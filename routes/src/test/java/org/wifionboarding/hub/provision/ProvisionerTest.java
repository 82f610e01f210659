package org.wifionboarding.hub.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wifionboarding.hub.LastAttempt;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.config.HubSettings;
import org.wifionboarding.hub.config.TargetRegistry;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.TargetRefusedException;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;

/**
 * The provisioning stage's reconciliation and its failure records, as plain values, on a real (H2) database with the
 * FreeRADIUS SQL target writing its real tables: no Camel route, no broker. {@code ProvisioningFailureTest} runs the same
 * through the broker's redeliveries and dead-lettering in a whole hub.
 */
class ProvisionerTest {

    /** The stay below begins 2026-12-10 at 15:00 in Paris (14:00 UTC). */
    private static final Instant BEFORE_CHECK_IN = Instant.parse("2026-12-01T09:00:00Z");

    private final StageFixture hub = new StageFixture(BEFORE_CHECK_IN);
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final TargetRegistry targets = TargetRegistry.from(new HubSettings(camel), hub.venues,
            new ProvisioningTargetFactory.Resources(hub.dataSource, hub.clock));
    private final Provisioner provisioner = new Provisioner(hub.store, targets, hub.cipher, hub.clock, new LastAttempt(4));
    private final JdbcTemplate jdbc = new JdbcTemplate(hub.dataSource);

    @AfterEach
    void close() throws Exception {
        camel.close();
        hub.close();
    }

    private void confirmed(String bookingId) {
        hub.apply("e-" + bookingId, EventType.CONFIRMED, bookingId, "2026-12-10", "2026-12-12");
    }

    private Booking booking(String bookingId) {
        return hub.store.find("generic", bookingId).orElseThrow();
    }

    private List<String> radius(String bookingId) {
        return jdbc.queryForList("SELECT attribute FROM radcheck WHERE username = ? ORDER BY attribute", String.class, booking(bookingId).username);
    }

    private List<String> timeline(String bookingId) {
        return hub.store.timeline("generic", bookingId).stream().map(e -> String.valueOf(e.get("entry"))).toList();
    }

    @Test
    void a_confirmed_stay_is_made_on_the_network_at_once_and_usable_from_check_in_and_a_repeat_changes_nothing() {
        confirmed("BK-1");

        assertThat(provisioner.reconcile("generic", "BK-1")).isEqualTo(Provisioned.MADE);
        assertThat(booking("BK-1").provisioningState).isEqualTo("OK");
        assertThat(radius("BK-1")).contains("Cleartext-Password", "Expiration");
        assertThat(timeline("BK-1")).last().asString().startsWith("radius-sql: radius-account made, usable from 2026-12-10T14:00:00Z");

        hub.now(Instant.parse("2026-12-10T14:00:00Z"));
        assertThat(provisioner.reconcile("generic", "BK-1")).isEqualTo(Provisioned.USABLE);
        List<String> rows = radius("BK-1");
        assertThat(provisioner.reconcile("generic", "BK-1")).as("a redelivered message").isEqualTo(Provisioned.USABLE);
        assertThat(radius("BK-1")).isEqualTo(rows);
    }

    @Test
    void a_cancelled_stay_is_removed_from_the_network_and_an_unknown_booking_is_skipped() {
        confirmed("BK-2");
        provisioner.reconcile("generic", "BK-2");
        hub.now(BEFORE_CHECK_IN.plusSeconds(60));
        hub.apply("e-cancel", EventType.CANCELLED, "BK-2", "2026-12-10", "2026-12-12");

        assertThat(provisioner.reconcile("generic", "BK-2")).isEqualTo(Provisioned.REMOVED);
        assertThat(radius("BK-2")).isEmpty();
        assertThat(timeline("BK-2")).last().asString().isEqualTo("radius-sql: radius-account removed");
        assertThat(provisioner.reconcile("generic", "BK-NONE")).isEqualTo(Provisioned.UNKNOWN);
    }

    @Test
    void a_failed_attempt_is_retrying_until_the_brokers_last_which_is_failed_for_good_with_the_error() {
        confirmed("BK-3");
        IllegalStateException down = new IllegalStateException("controller unreachable");

        assertThat(provisioner.failed("generic", "BK-3", down, 1)).isEqualTo("IllegalStateException: controller unreachable");
        assertThat(booking("BK-3").provisioningState).isEqualTo(BookingStore.PROVISIONING_RETRYING);
        assertThat(provisioner.failed("generic", "BK-3", down, null)).as("attempt unknown: the first").contains("controller unreachable");
        assertThat(booking("BK-3").provisioningState).isEqualTo(BookingStore.PROVISIONING_RETRYING);

        provisioner.failed("generic", "BK-3", down, 4);
        assertThat(booking("BK-3").provisioningState).isEqualTo(BookingStore.PROVISIONING_FAILED);
        assertThat(booking("BK-3").provisioningError).isEqualTo("IllegalStateException: controller unreachable");
        assertThat(timeline("BK-3")).anyMatch(e -> e.startsWith("provisioning failed (attempt 1): "))
                .anyMatch(e -> e.startsWith("provisioning failed (attempt 4, the last: dead-lettered; front desk follow-up): "));

        provisioner.reconcile("generic", "BK-3");
        assertThat(booking("BK-3").provisioningState).as("a later success clears it").isEqualTo("OK");
        assertThat(booking("BK-3").provisioningError).isNull();
    }

    @Test
    void a_refusal_is_failed_for_good_at_once_and_a_long_vendor_error_is_cut() {
        confirmed("BK-4");

        String reason = provisioner.refused("generic", "BK-4", new TargetRefusedException("x".repeat(900), 422));

        assertThat(reason).hasSize(500);
        assertThat(booking("BK-4").provisioningState).isEqualTo(BookingStore.PROVISIONING_FAILED);
        assertThat(timeline("BK-4")).last().asString().startsWith("provisioning refused for good: TargetRefusedException: xxx");
    }

    private final org.wifionboarding.hub.lifecycle.BookingLifecycle inline = new org.wifionboarding.hub.lifecycle.BookingLifecycle(hub.store,
            hub.venues, hub.cipher, new org.wifionboarding.hub.store.PassphraseGenerator(12), hub.clock)
            .provisionWith(provisioner::reconcileHere);

    private org.wifionboarding.hub.lifecycle.LifecycleOutcome applyInline(String eventId, EventType type, String bookingId) {
        return inline.apply(new org.wifionboarding.hub.model.BookingEvent(eventId, "generic", eventId, type, hub.now().minusSeconds(1),
                hub.now().minusSeconds(1).toString(), "paris", bookingId, org.wifionboarding.hub.model.BookingKind.STAY, "2026-12-10", "2026-12-12",
                null, StageFixture.GUEST));
    }

    @Test
    void the_lifecycle_makes_a_radius_account_in_the_events_own_transaction_and_sends_nothing_to_the_provisioning_stage() {
        var outcome = applyInline("e-inline", EventType.CONFIRMED, "BK-5");

        assertThat(outcome.provisioned()).isEqualTo("made");
        assertThat(outcome.sendProvisioning()).as("nothing for hub.provisioning").isFalse();
        assertThat(outcome.activateLater()).as("the account still opens at check-in, by the broker's schedule").isTrue();
        assertThat(outcome.ofEvent("CONFIRMED").announce()).isEqualTo("applied:CONFIRMED;provisioned:made");
        assertThat(booking("BK-5").provisioningState).isEqualTo("OK");
        assertThat(radius("BK-5")).containsExactly("Auth-Type", "Cleartext-Password", "Expiration");
        assertThat(timeline("BK-5")).last().asString().startsWith("radius-sql: radius-account made, usable from 2026-12-10T14:00:00Z");

        hub.now(BEFORE_CHECK_IN.plusSeconds(60));
        var cancelled = applyInline("e-inline-cancel", EventType.CANCELLED, "BK-5");
        assertThat(cancelled.provisioned()).as("no RADIUS disconnect is configured: removing rows is database work too").isEqualTo("removed");
        assertThat(radius("BK-5")).isEmpty();
    }

    @Test
    void a_reconcile_that_fails_in_the_events_transaction_is_undone_alone_and_left_to_the_provisioning_stage() {
        var failing = new org.wifionboarding.hub.lifecycle.BookingLifecycle(hub.store, hub.venues, hub.cipher,
                new org.wifionboarding.hub.store.PassphraseGenerator(12), hub.clock).provisionWith(booking -> {
                    jdbc.update("INSERT INTO radcheck (username, attribute, op, value) VALUES ('half-done', 'Cleartext-Password', ':=', 'x')");
                    throw new IllegalStateException("the target's table is gone");
                });

        var outcome = failing.apply(new org.wifionboarding.hub.model.BookingEvent("e-half", "generic", "e-half", EventType.CONFIRMED,
                hub.now().minusSeconds(1), hub.now().minusSeconds(1).toString(), "paris", "BK-6", org.wifionboarding.hub.model.BookingKind.STAY,
                "2026-12-10", "2026-12-12", null, StageFixture.GUEST));

        assertThat(outcome.sendProvisioning()).isTrue();
        assertThat(outcome.provisioned()).isNull();
        assertThat(booking("BK-6").state.name()).as("the event is applied all the same").isEqualTo("PENDING");
        assertThat(booking("BK-6").provisioningState).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM radcheck WHERE username = 'half-done'", Integer.class))
                .as("what the failed reconcile wrote is rolled back to the savepoint").isZero();
    }

    @Test
    void the_provisioning_stage_waits_for_the_bookings_lock_and_reconciles_the_state_it_then_finds() throws Exception {
        confirmed("BK-7");
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var locked = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            // the lifecycle stage applying a cancellation: the booking's row locked, the new state not yet committed
            var lifecycle = executor.submit(() -> hub.store.inTransaction(() -> {
                hub.store.lock("generic", "BK-7").orElseThrow();
                jdbc.update("UPDATE booking SET state = 'REVOKED' WHERE source = 'generic' AND booking_id = 'BK-7'");
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var stage = executor.submit(() -> provisioner.reconcile("generic", "BK-7"));
            // until the stage either finished (it did not wait: the test fails below) or waits for the row lock in H2
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> stage.isDone()
                    || jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL", Integer.class) > 0);
            release.countDown();
            lifecycle.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(stage.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("it read the state committed while it waited")
                    .isEqualTo(Provisioned.REMOVED);
            assertThat(radius("BK-7")).isEmpty();
        } finally {
            executor.shutdownNow();
        }
    }
}
