package org.wifionboarding.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/**
 * Two hub processes (the packaged jar) sharing one PostgreSQL database: Quartz, clustered on it, fires each
 * poll on one node only, so OPERA is polled once per trigger, not once per node; every event is accepted
 * once; when one node dies the other keeps polling.
 */
class ClusteredPollingIT {

    static final String URL = System.getenv().getOrDefault("HUB_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    @TempDir
    Path work;

    private Process node(String name, String schema, OperaStub ohip) throws Exception {
        int http = RunningHub.freePort();
        int management = RunningHub.freePort();
        Map<String, String> env = new HashMap<>();
        ohip.hubConfig().forEach((k, v) -> env.put(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v));
        env.putAll(Map.of("HUB_DATA_DIR", work.resolve(name).toString(), "HUB_HTTP_PORT", String.valueOf(http), "HUB_HTTP_HOST", "127.0.0.1",
                "HUB_MANAGEMENT_PORT", String.valueOf(management), "HUB_ADMIN_TOKEN", "cluster-admin", "HUB_SMTP_PORT", "1", "HUB_CRYPTO_KEY", RunningHub.CRYPTO_KEY,
                "HUB_DB_URL", URL + "?currentSchema=" + schema, "HUB_DB_USER", "postgres"));
        Process process = org.wifionboarding.hub.app.PackagedHub.start(env, "384m", work.resolve(name + ".log"));
        org.wifionboarding.hub.app.PackagedHub.awaitHealthy(management, "/observe/health");
        return process;
    }

    private static long count(String schema, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(URL + "?currentSchema=" + schema, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void two_nodes_poll_once_per_trigger_and_one_carries_on_when_the_other_dies() throws Exception {
        String schema = "hub_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        Process a = null;
        Process b = null;
        try (OperaStub ohip = new OperaStub()) {
            a = node("a", schema, ohip);
            b = node("b", schema, ohip);
            for (int i = 1; i <= 6; i++) {
                ohip.reservationEvent("1800" + i);
            }
            Instant from = Instant.now();
            int pollsBefore = ohip.polls();
            await().atMost(Duration.ofSeconds(60)).until(() -> count(schema, "SELECT COUNT(*) FROM booking WHERE source = 'opera'") == 6);
            Thread.sleep(10_000);   // a fixed stretch of time over which polls are counted (the quantity measured, not a synchronisation)
            long seconds = Duration.between(from, Instant.now()).toSeconds();
            int polls = ohip.polls() - pollsBefore;
            // each trigger (every 2 s) reads until a short page: with two nodes polling each trigger it would be twice that
            List<Instant> times = ohip.requests("GET", "/int/v1/externalSystem/").stream().skip(pollsBefore).map(r -> r.at()).toList();
            long triggers = times.stream().map(t -> t.getEpochSecond() / 2).distinct().count();
            assertThat(triggers).as("triggers seen").isLessThanOrEqualTo(seconds / 2 + 2);
            assertThat(polls).as("%d polls over %d triggers", polls, triggers).isLessThanOrEqualTo((int) triggers + 4);
            assertThat(count(schema, "SELECT COUNT(*) FROM ingest_key WHERE source = 'opera'")).as("each event accepted once").isEqualTo(6);

            a.destroyForcibly();
            a.waitFor(30, TimeUnit.SECONDS);
            ohip.reservationEvent("18007");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(schema, "SELECT COUNT(*) FROM booking WHERE source = 'opera'") == 7);
        } finally {
            for (Process p : new Process[] {a, b}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
            try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
