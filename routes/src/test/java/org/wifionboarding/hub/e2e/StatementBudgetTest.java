package org.wifionboarding.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;

/**
 * What a booking costs the database, counted rather than timed: every SQL statement the hub runs while bookings go
 * from webhook to booking row, RADIUS rows, scheduled delivery and lifecycle event, as H2 counts them
 * ({@code INFORMATION_SCHEMA.QUERY_STATISTICS}). The downstream's pace is set by the number of statements and commits per
 * booking (bench/README.md), and a count is the same on every machine, where the throughput varies by ±15 % from run to
 * run. The table is written to {@code target/statements-per-booking.txt}.
 */
class StatementBudgetTest {

    static final int BOOKINGS = 40;

    /**
     * Statements per confirmed booking, the durability fence's {@code CHECKPOINT}s and the commits not counted: 20.5 when
     * written (the ingest ledger and normalise's claim 3 to 4 on {@code ingest_key}, as many as whether the ledger's writer
     * or the claim comes first; the lifecycle stage 15: applied marker, lock, insert, timeline, savepoint, RADIUS rows 8,
     * provisioned, timeline; the publish stage 2). Raise it only for a statement the design needs, and say which in
     * bench/README.md.
     */
    static final double BUDGET = 21.5;

    @TempDir
    Path dataDir;

    @Test
    void a_confirmed_booking_takes_the_statements_it_needs_and_never_reads_its_row_again() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            NotifyBuilder warm = new NotifyBuilder(hub.context()).fromRoute("publish-events").whenDone(1).create();
            hub.postGeneric(event("budget-warm", "BK-BUDGET-WARM"));
            assertThat(warm.matches(30, TimeUnit.SECONDS)).as("the first booking published").isTrue();

            hub.jdbc().execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
            hub.jdbc().execute("SET QUERY_STATISTICS TRUE");
            NotifyBuilder published = new NotifyBuilder(hub.context()).fromRoute("publish-events").whenDone(BOOKINGS).create();
            for (int i = 1; i <= BOOKINGS; i++) {
                assertThat(hub.postGeneric(event("budget-" + i, "BK-BUDGET-" + i)).statusCode()).isEqualTo(202);
            }
            assertThat(published.matches(60, TimeUnit.SECONDS)).as("every booking published").isTrue();
            // and every lifecycle event recorded (this test's own statements name BK-BUDGET and are not counted)
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM lifecycle_event WHERE booking_id LIKE 'BK-BUDGET-%' AND booking_id <> 'BK-BUDGET-WARM'", Integer.class) == BOOKINGS);
            List<Map<String, Object>> rows = hub.jdbc().queryForList(
                    "SELECT EXECUTION_COUNT, SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY EXECUTION_COUNT DESC");
            hub.jdbc().execute("SET QUERY_STATISTICS FALSE");

            long statements = 0;
            long fences = 0;
            long rereads = 0;
            StringBuilder table = new StringBuilder("per booking  statement (" + BOOKINGS + " confirmed bookings)\n");
            for (Map<String, Object> row : rows) {
                String sql = String.valueOf(row.get("SQL_STATEMENT")).replaceAll("\\s+", " ");
                long count = ((Number) row.get("EXECUTION_COUNT")).longValue();
                if (sql.contains("QUERY_STATISTICS") || sql.contains("BK-BUDGET") || sql.contains("qrtz_") || sql.contains("QRTZ_")) {
                    continue;   // this test's own, and the scheduler's timers
                }
                table.append(String.format("%11.2f  %s%n", count / (double) BOOKINGS, sql.length() > 160 ? sql.substring(0, 160) + "…" : sql));
                if (sql.equals("CHECKPOINT") || sql.equals("COMMIT")) {
                    fences += count;
                } else {
                    statements += count;
                }
                if (sql.contains(" FROM booking WHERE source = ? AND booking_id = ?") && !sql.endsWith("FOR UPDATE")) {
                    rereads += count;
                }
            }
            double perBooking = statements / (double) BOOKINGS;
            table.append(String.format("%11.2f  statements in all, besides %.2f CHECKPOINT and COMMIT%n", perBooking, fences / (double) BOOKINGS));
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "statements-per-booking.txt"), table);

            assertThat(rereads).as("the lifecycle stage's reconcile and announcement use the row it wrote:\n" + table).isZero();
            assertThat(perBooking).as(table.toString()).isLessThanOrEqualTo(BUDGET);
        }
    }

    private static String event(String eventId, String bookingId) {
        return GuestEvents.generic(eventId, "confirmed", "2026-11-29T09:15:00Z", "default", bookingId, "2028-06-12", "2028-06-15");
    }
}
