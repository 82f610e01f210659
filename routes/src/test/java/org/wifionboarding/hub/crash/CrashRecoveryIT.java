package org.wifionboarding.hub.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.store.HubDatabase;

/**
 * Kills the packaged hub with SIGKILL while webhooks pour in and the pipeline is busy, restarts it on
 * the same data directory, lets the senders retry everything, and counts: every event yields exactly
 * one booking with one confirmation and one RADIUS account. Runs after packaging (failsafe), last.
 */
class CrashRecoveryIT {

    static final int EVENTS = 400;
    static final String TOKEN = "crash-token";

    @TempDir
    Path work;

    private Process start(Path dataDir, int httpPort, int managementPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of("target", "wifi-onboarding-hub.jar").toAbsolutePath().toString());
        builder.environment().putAll(Map.of("HUB_DATA_DIR", dataDir.toString(), "HUB_HTTP_PORT", String.valueOf(httpPort),
                "HUB_HTTP_HOST", "127.0.0.1", "HUB_MANAGEMENT_PORT", String.valueOf(managementPort),
                "HUB_SOURCES_GENERIC_TOKEN", TOKEN, "HUB_ADMIN_TOKEN", "crash-admin", "HUB_SMTP_PORT", "1",
                "HUB_BROKER_EMBEDDED_REDELIVERY_DELAY_MS", "200"));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("hub.log").toFile()));
        Process hub = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Files.copy(work.resolve("hub.log"), Path.of("target", "crash-hub.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            throw new AssertionError("the hub did not become healthy; see target/crash-hub.log", e);
        }
        return hub;
    }

    private static String event(int i) {
        return GuestEvents.generic("crash-" + i, "confirmed", Instant.now().toString(), "default", "BK-CRASH-" + i,
                LocalDate.now().plusDays(30).toString(), LocalDate.now().plusDays(32).toString());
    }

    /** Posts every event not yet acknowledged; returns how many got an answer. */
    private static int send(int httpPort, Map<Integer, Integer> answers, Runnable afterSome) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            int n = i;
            pool.submit(() -> {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/webhooks/generic"))
                            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event(n))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    answers.put(n, response.statusCode());
                    if (answered.incrementAndGet() == EVENTS / 4) {
                        afterSome.run();
                    }
                } catch (IOException | InterruptedException refused) {
                    // the hub is dead: the sender will retry
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(120, TimeUnit.SECONDS);
        pool.shutdownNow();
        return answered.get();
    }

    @Test
    void sigkill_under_load_loses_no_accepted_event_and_makes_no_second_credential() throws Exception {
        Path dataDir = work.resolve("data");
        int httpPort = RunningHub.freePort();
        int managementPort = RunningHub.freePort();
        Process hub = start(dataDir, httpPort, managementPort);
        Map<Integer, Integer> firstAnswers = new ConcurrentHashMap<>();
        send(httpPort, firstAnswers, hub::destroyForcibly);   // SIGKILL a quarter of the way in
        hub.waitFor(30, TimeUnit.SECONDS);
        assertThat(hub.isAlive()).isFalse();
        long acceptedBeforeCrash = firstAnswers.values().stream().filter(s -> s == 202).count();
        assertThat(acceptedBeforeCrash).isGreaterThanOrEqualTo(EVENTS / 4).isLessThan(EVENTS);

        hub = start(dataDir, httpPort, managementPort);
        try {
            Map<Integer, Integer> retries = new ConcurrentHashMap<>();
            assertThat(send(httpPort, retries, () -> { })).isEqualTo(EVENTS);
            assertThat(retries.values()).containsOnly(202, 200);
            for (Map.Entry<Integer, Integer> first : firstAnswers.entrySet()) {
                if (first.getValue() == 202) {
                    assertThat(retries.get(first.getKey())).as("event %d was accepted before the crash", first.getKey()).isEqualTo(200);
                }
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> bookingsVisible(httpPort) == EVENTS);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Files.copy(work.resolve("hub.log"), Path.of("target", "crash-hub.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            throw new AssertionError(EVENTS - bookingsVisible(httpPort) + " bookings were never provisioned; see target/crash-hub.log\n"
                    + unprovisioned(httpPort), e);
        } finally {
            hub.destroy();   // SIGTERM: a graceful stop, so the database can be opened below
            hub.waitFor(60, TimeUnit.SECONDS);
        }

        try (Connection db = DriverManager.getConnection(HubDatabase.embeddedUrl(dataDir), "sa", "")) {
            assertThat(count(db, "SELECT COUNT(*) FROM booking")).isEqualTo(EVENTS);
            assertThat(count(db, "SELECT COUNT(*) FROM booking WHERE state = 'PENDING'")).isEqualTo(EVENTS);
            assertThat(count(db, "SELECT COUNT(*) FROM booking_timeline WHERE entry LIKE 'CONFIRMED%'")).isEqualTo(EVENTS);
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT username FROM radcheck GROUP BY username HAVING COUNT(*) <> 3) odd")).as("password, expiration, and Auth-Type Reject until the stay begins").isZero();
            assertThat(count(db, "SELECT COUNT(DISTINCT username) FROM radcheck")).isEqualTo(EVENTS);
            assertThat(count(db, "SELECT COUNT(*) FROM ingest_key")).isEqualTo(EVENTS);
        }
        assertThat(Files.readString(work.resolve("hub.log"))).doesNotContain(GuestEvents.EMAIL).doesNotContain(GuestEvents.NAME);
    }

    private static boolean provisioned(String booking) throws java.io.IOException {
        return "OK".equals(org.wifionboarding.hub.mapping.Json.MAPPER.readTree(booking).at("/provisioning/state").asText());
    }

    private static int bookingsVisible(int httpPort) throws Exception {
        // provisioned, not just booked: the RADIUS account exists once provisioning said OK
        HttpClient http = HttpClient.newHttpClient();
        int visible = 0;
        for (int i = 0; i < EVENTS; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/api/bookings/generic/BK-CRASH-" + i)).header("Authorization", "Bearer crash-admin").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && provisioned(response.body())) {
                visible++;
            }
        }
        return visible;
    }

    /** What the admin API says of the bookings that did not make it (ids, states, timeline; no guest data). */
    private static String unprovisioned(int httpPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/api/bookings/generic/BK-CRASH-" + i)).header("Authorization", "Bearer crash-admin").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !provisioned(response.body())) {
                report.append("BK-CRASH-").append(i).append(": ").append(response.statusCode()).append(' ').append(response.body()).append('\n');
            }
        }
        return report.toString();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
