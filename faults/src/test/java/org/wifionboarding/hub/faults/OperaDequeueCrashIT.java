package org.wifionboarding.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.reconcile.OperaStub;
import org.wifionboarding.hub.store.HubDatabase;

/**
 * OHIP's business-event queue forgets what it hands out. The packaged hub polls a stand-in that dequeues exactly
 * as Oracle documents it, and is SIGKILLed again and again while it takes the queue page by page. A page the hub
 * received is written to {@code polled_page} before anything else happens to it, so a kill after that loses
 * nothing; a kill while OHIP's answer is still on the wire loses the page in flight, which no client can prevent,
 * and reconciliation (OHIP's reservations by arrival date) finds those bookings again. The checker counts: every
 * reservation ends as one booking with one credential, however it came.
 */
class OperaDequeueCrashIT {

    static final int RESERVATIONS = Integer.getInteger("faults.opera-reservations", 240);
    static final int KILLS = Integer.getInteger("faults.opera-kills", 4);

    @TempDir
    Path work;

    @Test
    void kills_while_the_hub_takes_the_dequeuing_queue_lose_no_reservation_and_make_no_second_credential() throws Exception {
        try (OperaStub ohip = new OperaStub()) {
            Map<String, String> env = new HashMap<>();
            ohip.hubConfig().forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
            env.put("HUB_SOURCES_OPERA_PAGE_SIZE", "5");
            env.put("HUB_POLLING_CRON", "0/1 * * * * ?");
            env.put("HUB_RECONCILIATION_CRON", "0/20 * * * * ?");
            env.put("HUB_RECONCILIATION_FIRST_LOOKBACK", "PT1H");
            HubNode hub = new HubNode("opera", work, env);
            List<String> reservations = new ArrayList<>();
            for (int i = 0; i < RESERVATIONS; i++) {
                String id = String.valueOf(300_000 + i);
                reservations.add(id);
                ohip.reservationEvent(id);
            }
            List<Integer> dequeuedAtKill = new ArrayList<>();
            try {
                hub.start();
                for (int kill = 0; kill < KILLS && ohip.queued() > 0; kill++) {
                    int from = ohip.dequeued();
                    int gap = ThreadLocalRandom.current().nextInt(5, RESERVATIONS / (KILLS + 1) + 6);
                    Instant deadline = Instant.now().plusSeconds(60);
                    while (ohip.dequeued() - from < gap && ohip.queued() > 0 && Instant.now().isBefore(deadline)) {
                        Thread.sleep(2);
                    }
                    dequeuedAtKill.add(ohip.dequeued());
                    hub.kill();
                    hub.start();
                }
                java.util.Set<String> open = new java.util.HashSet<>(reservations);
                Instant deadline = Instant.now().plusSeconds(180);
                while (Instant.now().isBefore(deadline) && (ohip.queued() > 0 || !open.isEmpty())) {
                    open.removeIf(id -> booked(hub, id));
                    Thread.sleep(1000);
                }
            } finally {
                hub.stop();
                Files.createDirectories(Path.of("target", "faults-logs"));
                Files.copy(hub.log(), Path.of("target", "faults-logs", "opera.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }

            try (Connection db = DriverManager.getConnection(HubDatabase.embeddedUrl(hub.dataDir()), "sa", "");
                 Statement sql = db.createStatement()) {
                List<String> booked = list(sql, "SELECT booking_id FROM booking WHERE source = 'opera'");
                List<String> missing = new ArrayList<>(reservations);
                missing.removeAll(booked);
                long secondCredentials = count(sql, "SELECT COUNT(*) FROM (SELECT username FROM radcheck WHERE attribute = 'Cleartext-Password'"
                        + " GROUP BY username HAVING COUNT(*) > 1) twice");
                long credentials = count(sql, "SELECT COUNT(DISTINCT username) FROM radcheck WHERE attribute = 'Cleartext-Password'");
                // which bookings lack their credential, and what the booking row says of it (for the report)
                List<String> uncredentialed = list(sql, "SELECT b.booking_id || ' ' || b.state || ' provisioning ' || COALESCE(b.provisioning_state, '-') "
                        + "|| ' at ' || COALESCE(CAST(b.provisioned_at AS VARCHAR), '-') FROM booking b WHERE b.source = 'opera' AND NOT EXISTS "
                        + "(SELECT 1 FROM radcheck r WHERE r.username = b.username AND r.attribute = 'Cleartext-Password')");
                long recovered = count(sql, "SELECT COUNT(*) FROM ingest_key WHERE source = 'opera' AND event_key LIKE 'reconcile:%'");
                long leftOver = count(sql, "SELECT COUNT(*) FROM polled_page");
                long reviewed = count(sql, "SELECT COUNT(*) FROM review_item");
                String report = "opera dequeue: reservations " + RESERVATIONS + ", kills " + dequeuedAtKill.size() + " (dequeued so far at each "
                        + dequeuedAtKill + "), polls " + ohip.polls() + ", booked " + booked.size() + ", missing " + missing.size()
                        + (missing.isEmpty() ? "" : " e.g. " + missing.subList(0, Math.min(5, missing.size()))) + ", credentials " + credentials
                        + (uncredentialed.isEmpty() ? "" : " (without: " + uncredentialed.subList(0, Math.min(5, uncredentialed.size())) + ")")
                        + ", second credentials " + secondCredentials + ", booked first through reconciliation (not the queue) " + recovered
                        + ", pages left in polled_page " + leftOver + ", review items " + reviewed;
                Files.writeString(Path.of("target", "faults-opera.txt"), report + "\n");
                System.out.println(report);

                assertThat(ohip.queued()).as(report).isZero();
                assertThat(missing).as(report).isEmpty();
                assertThat(booked).as(report).hasSize(RESERVATIONS);
                assertThat(credentials).as(report).isEqualTo(RESERVATIONS);
                assertThat(secondCredentials).as(report).isZero();
                assertThat(leftOver).as(report).isZero();
                assertThat(reviewed).as(report).isZero();
                assertThat(dequeuedAtKill).as("the kills landed while the queue was being taken").hasSizeGreaterThanOrEqualTo(2);
            }
            assertThat(ohip.contractViolations()).as("every request the hub made matched Oracle's published specs").isEmpty();
        }
    }

    /** Booked and provisioned, as the admin API shows it. */
    private static boolean booked(HubNode hub, String reservation) {
        try {
            var answer = hub.admin("/api/bookings/opera/" + reservation);
            return answer.statusCode() == 200 && answer.body().contains("\"provisioning\":{\"target\":\"radius-sql\",\"state\":\"OK\"");
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> list(Statement sql, String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
