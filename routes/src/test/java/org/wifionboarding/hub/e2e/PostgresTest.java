package org.wifionboarding.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/**
 * The production database path: the same jar against PostgreSQL by configuration alone, in a schema of
 * its own. CI always runs it ({@code CI=true}); elsewhere it is skipped when no PostgreSQL answers.
 */
class PostgresTest {

    static final String URL = System.getenv().getOrDefault("HUB_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("HUB_TEST_POSTGRES_USER", "postgres");

    @TempDir
    Path dataDir;
    String schema = "hub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException unreachable) {
            Assumptions.assumeFalse(System.getenv("CI") == null, "no PostgreSQL at " + URL);
            throw unreachable;
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void the_hub_runs_on_postgresql_by_configuration_alone_and_copies_at_once_stay_one_event() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.db.url", URL + "?currentSchema=" + schema, "hub.db.user", USER))) {
            String arrival = LocalDate.now().plusDays(5).toString();
            String body = generic("pg-1", "confirmed", Instant.now().toString(), "default", "BK-PG", arrival, LocalDate.now().plusDays(7).toString());
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> {
                    go.await();
                    return hub.postGeneric(body).statusCode();
                }));
            }
            go.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get());
            }
            pool.shutdown();
            assertThat(answers).containsOnly(202, 200).filteredOn(s -> s == 202).hasSize(1);

            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/BK-PG").statusCode() == 200);
            String username = hub.jdbc().queryForObject("SELECT username FROM booking WHERE booking_id = 'BK-PG'", String.class);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    hub.jdbc().queryForObject("SELECT COUNT(*) FROM radcheck WHERE username = ?", Long.class, username) == 3);   // with Auth-Type Reject until the stay starts
            assertThat(hub.jdbc().queryForObject("SELECT current_schema()", String.class)).isEqualTo(schema);
            assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM ingest_key", Long.class)).isEqualTo(1);
            assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM applied_event", Long.class)).isEqualTo(1);
        }
    }
}
