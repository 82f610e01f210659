package org.wifionboarding.hub.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/**
 * A real FreeRADIUS (Debian's package, configured by {@code radius/raddb}) reading the hub's PostgreSQL
 * database, asked with {@code radtest}: the guest gets in after confirmation, not with a wrong password,
 * not after checkout or cancellation, and not once {@code validUntil} has passed, with the venue in
 * Europe/Paris and the RADIUS server in UTC.
 */
class FreeRadiusIT {

    static final String URL = System.getenv().getOrDefault("HUB_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String SECRET = "testing123";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    static Path work;
    static String schema = "hub_radius_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static RunningHub hub;
    static Process radius;
    static int radiusPort;
    static int accountingPort;
    static DisconnectListener nas;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/freeradius")) && Files.isExecutable(Path.of("/usr/bin/radtest"));
        Assumptions.assumeTrue(installed || System.getenv("CI") != null, "FreeRADIUS is not installed (.ci/run installs it)");
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        nas = new DisconnectListener(SECRET);
        hub = RunningHub.start(work.resolve("data"), Map.ofEntries(Map.entry("hub.db.url", URL + "?currentSchema=" + schema),
                Map.entry("hub.db.user", "postgres"), Map.entry("hub.radius.disconnect.secret", SECRET),
                Map.entry("hub.radius.disconnect.port", String.valueOf(nas.port())), Map.entry("hub.venues.paris.timezone", "Europe/Paris"),
                Map.entry("hub.radius.timezone", "UTC"), Map.entry("hub.venues.paris-secure.timezone", "Europe/Paris"),
                Map.entry("hub.venues.paris-secure.activation", "on-check-in"),
                // FreeRADIUS alone must refuse the expired account
                Map.entry("hub.credentials.expiry-sweep-ms", "3600000"), Map.entry("hub.venues.paris-psk.timezone", "Europe/Paris"),
                Map.entry("hub.venues.paris-psk.credential", "psk")));

        radiusPort = RunningHub.freePort();
        accountingPort = RunningHub.freePort();
        Path runDir = Files.createDirectories(work.resolve("radius"));
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/freeradius", "-f", "-d", Path.of("..", "radius", "raddb").toAbsolutePath().normalize().toString());
        builder.environment().putAll(Map.of("TZ", "UTC", "HUB_RADIUS_DB",
                "host=127.0.0.1 port=5432 dbname=test user=postgres options='-c search_path=" + schema + "'",
                "HUB_RADIUS_PORT", String.valueOf(radiusPort), "HUB_RADIUS_ACCT_PORT", String.valueOf(accountingPort), "HUB_RADIUS_SECRET", SECRET,
                "HUB_RADIUS_RUN_DIR", runDir.toString()));
        builder.redirectErrorStream(true).redirectOutput(runDir.resolve("stdout").toFile());
        radius = builder.start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> radtest("nobody", "x").contains("Received"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nas != null) {
            nas.close();
        }
        if (radius != null) {
            radius.destroy();
            radius.waitFor(10, TimeUnit.SECONDS);
        }
        if (hub != null) {
            hub.close();
            try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static String radtest(String user, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/radtest", "-t", "pap", user, password, "127.0.0.1:" + radiusPort, "0", SECRET)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    static boolean accepted(String user, String password) throws IOException, InterruptedException {
        String answer = radtest(user, password);
        assertThat(answer).containsAnyOf("Received Access-Accept", "Received Access-Reject");
        return answer.contains("Received Access-Accept");
    }

    static String username(String bookingId) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                hub.jdbc().queryForObject("SELECT COUNT(*) FROM booking WHERE booking_id = ?", Long.class, bookingId) == 1);
        return hub.jdbc().queryForObject("SELECT username FROM booking WHERE booking_id = ?", String.class, bookingId);
    }

    static String passphrase(String username) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                hub.jdbc().queryForObject("SELECT COUNT(*) FROM radcheck WHERE username = ? AND attribute = 'Cleartext-Password'",
                        Long.class, username) == 1);
        return hub.jdbc().queryForObject("SELECT value FROM radcheck WHERE username = ? AND attribute = 'Cleartext-Password'",
                String.class, username);
    }

    static void post(String eventId, String type, String bookingId, String arrival, String departure) throws Exception {
        post(eventId, type, "paris", bookingId, arrival, departure);
    }

    static void post(String eventId, String type, String venue, String bookingId, String arrival, String departure) throws Exception {
        assertThat(hub.postGeneric(generic(eventId, type, Instant.now().toString(), venue, bookingId, arrival, departure)).statusCode())
                .isEqualTo(202);
    }

    /** A stay that began an hour ago, local time in Paris. */
    static String begun() {
        return ZonedDateTime.now(PARIS).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString();
    }

    static List<String> attributes(String username) {
        return hub.jdbc().queryForList("SELECT attribute FROM radcheck WHERE username = ? ORDER BY attribute", String.class, username);
    }

    static void awaitNoAccount(String username) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                hub.jdbc().queryForObject("SELECT COUNT(*) FROM radcheck WHERE username = ?", Long.class, username) == 0);
    }

    @Test
    void a_confirmed_guest_gets_in_with_the_passphrase_only_and_not_after_checkout() throws Exception {
        String arrival = begun();
        String departure = LocalDate.now(PARIS).plusDays(2).toString();
        post("rad-1", "confirmed", "BK-RAD-1", arrival, departure);
        String user = username("BK-RAD-1");
        String passphrase = passphrase(user);

        assertThat(accepted(user, passphrase)).isTrue();
        assertThat(accepted(user, passphrase + "x")).isFalse();

        post("rad-1-out", "checked_out", "BK-RAD-1", arrival, departure);
        awaitNoAccount(user);
        assertThat(accepted(user, passphrase)).isFalse();
    }

    @Test
    void a_cancelled_booking_no_longer_gets_in() throws Exception {
        String arrival = begun();
        String departure = LocalDate.now(PARIS).plusDays(3).toString();
        post("rad-2", "confirmed", "BK-RAD-2", arrival, departure);
        String user = username("BK-RAD-2");
        String passphrase = passphrase(user);
        assertThat(accepted(user, passphrase)).isTrue();

        post("rad-2-x", "cancelled", "BK-RAD-2", arrival, departure);
        awaitNoAccount(user);
        assertThat(accepted(user, passphrase)).isFalse();
    }

    @Test
    void the_radius_server_itself_refuses_the_account_once_valid_until_has_passed() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(PARIS).truncatedTo(ChronoUnit.SECONDS);
        String arrival = now.minusHours(1).toLocalDateTime().toString();
        ZonedDateTime end = now.plusSeconds(8);
        post("rad-3", "checked_in", "BK-RAD-3", arrival, end.toLocalDateTime().toString());
        String user = username("BK-RAD-3");
        String passphrase = passphrase(user);
        assertThat(hub.jdbc().queryForObject("SELECT value FROM radcheck WHERE username = ? AND attribute = 'Expiration'", String.class, user))
                .as("written in the RADIUS server's zone (UTC), not the venue's").isEqualTo(
                        java.time.format.DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", java.util.Locale.ENGLISH)
                                .format(end.withZoneSameInstant(ZoneId.of("UTC"))));
        assertThat(accepted(user, passphrase)).isTrue();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(end.toInstant().plusSeconds(1)));
        List<String> stillThere = hub.jdbc().queryForList("SELECT attribute FROM radcheck WHERE username = ?", String.class, user);
        assertThat(stillThere).as("the rows are still there: FreeRADIUS refuses on Expiration alone").containsOnly("Cleartext-Password", "Expiration");
        assertThat(accepted(user, passphrase)).isFalse();
        assertThat(Files.readString(work.resolve("radius").resolve("radius.log"))).contains("Account expired");
    }

    @Test
    void an_on_check_in_venue_lets_the_guest_in_only_after_the_check_in_event() throws Exception {
        String arrival = begun();
        String departure = LocalDate.now(PARIS).plusDays(2).toString();
        post("rad-4", "confirmed", "paris-secure", "BK-RAD-4", arrival, departure);
        String user = username("BK-RAD-4");
        String passphrase = passphrase(user);
        await().atMost(Duration.ofSeconds(20)).until(() -> attributes(user).contains("Auth-Type"));
        assertThat(accepted(user, passphrase)).as("confirmed, not checked in").isFalse();

        post("rad-4-in", "checked_in", "paris-secure", "BK-RAD-4", arrival, departure);
        await().atMost(Duration.ofSeconds(20)).until(() -> !attributes(user).contains("Auth-Type"));
        assertThat(accepted(user, passphrase)).as("checked in").isTrue();
    }

    @Test
    void an_on_confirm_account_is_refused_before_its_window_and_accepted_once_it_opens() throws Exception {
        ZonedDateTime opens = ZonedDateTime.now(PARIS).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        post("rad-5", "confirmed", "paris", "BK-RAD-5", opens.toLocalDateTime().toString(), LocalDate.now(PARIS).plusDays(2).toString());
        String user = username("BK-RAD-5");
        String passphrase = passphrase(user);
        await().atMost(Duration.ofSeconds(5)).until(() -> attributes(user).contains("Auth-Type"));
        if (Instant.now().isBefore(opens.toInstant().minusSeconds(1))) {
            assertThat(accepted(user, passphrase)).as("before validFrom").isFalse();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !attributes(user).contains("Auth-Type"));
        assertThat(Instant.now()).isAfterOrEqualTo(opens.toInstant().minusMillis(50));
        assertThat(accepted(user, passphrase)).as("after validFrom").isTrue();
    }

    @Test
    void a_registered_device_gets_in_by_mac_authentication_and_the_reply_carries_the_guests_psk() throws Exception {
        post("rad-6", "confirmed", "paris-psk", "BK-RAD-6", begun(), LocalDate.now(PARIS).plusDays(2).toString());
        String user = username("BK-RAD-6");
        await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(hub.jdbc().queryForObject(
                "SELECT provisioning_state FROM booking WHERE booking_id = 'BK-RAD-6'", String.class)));
        assertThat(accepted("a483e7123456", "a483e7123456")).as("not registered yet").isFalse();

        assertThat(hub.admin("PUT", "/api/bookings/generic/BK-RAD-6/devices/A4-83-E7-12-34-56", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.jdbc().queryForObject(
                "SELECT COUNT(*) FROM radreply WHERE username = 'a483e7123456' AND hub_owner = ?", Long.class, user) == 3);
        String psk = hub.jdbc().queryForObject("SELECT value FROM radreply WHERE username = 'a483e7123456' AND attribute = 'Tunnel-Password'", String.class);
        String answer = radtest("a483e7123456", "a483e7123456");
        assertThat(answer).contains("Received Access-Accept").contains("psk=" + psk).contains("psk-mode=ascii").contains("Tunnel-Password");
        assertThat(accepted("3c22fbaabbcc", "3c22fbaabbcc")).as("another device").isFalse();

        assertThat(hub.admin("DELETE", "/api/bookings/generic/BK-RAD-6/devices/a4:83:e7:12:34:56", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        awaitNoAccount("a483e7123456");
        assertThat(accepted("a483e7123456", "a483e7123456")).as("unregistered").isFalse();
    }

    /** What a NAS tells FreeRADIUS when a guest's device joins: Accounting-Request, Acct-Status-Type Start (radclient). */
    static String accountingStart(String user, String sessionId, String device) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/radclient", "-x", "127.0.0.1:" + accountingPort, "acct", SECRET).redirectErrorStream(true).start();
        p.getOutputStream().write(("Acct-Status-Type = Start\nUser-Name = \"" + user + "\"\nAcct-Session-Id = \"" + sessionId
                + "\"\nNAS-IP-Address = 127.0.0.1\nNAS-Port = 7\nCalling-Station-Id = \"" + device + "\"\nCalled-Station-Id = \"00-11-22-33-44-55:Guest\"\n")
                .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void a_checkout_ends_the_guests_open_sessions_with_a_disconnect_request_to_the_nas() throws Exception {
        String arrival = begun();
        String departure = LocalDate.now(PARIS).plusDays(2).toString();
        post("rad-7", "confirmed", "BK-RAD-7", arrival, departure);
        String user = username("BK-RAD-7");
        String passphrase = passphrase(user);
        assertThat(accepted(user, passphrase)).isTrue();
        assertThat(accountingStart(user, "sess-7a", "AA-BB-CC-00-00-01")).contains("Received Accounting-Response");
        assertThat(accountingStart(user, "sess-7b", "AA-BB-CC-00-00-02")).contains("Received Accounting-Response");
        assertThat(hub.jdbc().queryForObject("SELECT COUNT(*) FROM radacct WHERE username = ? AND acctstoptime IS NULL", Long.class, user))
                .as("FreeRADIUS recorded both sessions in the hub's radacct").isEqualTo(2);

        var view = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(hub.getAdmin("/api/bookings/generic/BK-RAD-7").body());
        assertThat(view.at("/network/devices").asInt()).isEqualTo(2);
        assertThat(view.at("/network/firstConnectedAt").asText()).isNotBlank();
        assertThat(view.toString()).doesNotContainIgnoringCase("AA-BB-CC").doesNotContain("127.0.0.1");

        Instant checkout = Instant.now();
        post("rad-7-out", "checked_out", "BK-RAD-7", arrival, departure);
        await().atMost(Duration.ofSeconds(20)).until(() -> nas.received().stream().filter(r -> user.equals(r.attributes().get(1))).count() == 2);
        List<DisconnectListener.Received> asked = nas.received().stream().filter(r -> user.equals(r.attributes().get(1))).toList();
        assertThat(asked).allMatch(DisconnectListener.Received::authentic);
        assertThat(asked).extracting(r -> r.attributes().get(44)).containsExactlyInAnyOrder("sess-7a", "sess-7b");
        assertThat(asked).extracting(r -> r.attributes().get(4)).containsOnly("127.0.0.1");
        Duration latency = Duration.between(checkout, asked.get(asked.size() - 1).at());
        System.out.println("disconnect latency (checkout event posted -> last Disconnect-Request at the NAS): " + latency.toMillis() + " ms");
        awaitNoAccount(user);
        assertThat(accepted(user, passphrase)).as("and cannot come back").isFalse();
    }

    /**
     * The benchmark behind the README's Disconnect latency ({@code bench/disconnect.sh}): {@code bench.disconnects} stays,
     * each with one session FreeRADIUS accounted, checked out one after another; for each, the time from posting the checkout
     * event to the Disconnect-Request arriving at the NAS. Runs only when asked ({@code -Dbench.disconnects=N}).
     */
    @Test
    void disconnect_latency_benchmark() throws Exception {
        int rounds = Integer.getInteger("bench.disconnects", 0);
        Assumptions.assumeTrue(rounds > 0, "a benchmark: -Dbench.disconnects=N runs it");
        String arrival = begun();
        String departure = LocalDate.now(PARIS).plusDays(2).toString();
        List<String> users = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            post("bench-" + i, "confirmed", "BK-BENCH-" + i, arrival, departure);
        }
        for (int i = 0; i < rounds; i++) {
            String user = username("BK-BENCH-" + i);
            passphrase(user);
            assertThat(accountingStart(user, "bench-sess-" + i, String.format("AA-BB-CC-00-%02X-%02X", i / 256, i % 256)))
                    .contains("Received Accounting-Response");
            users.add(user);
        }
        long[] millis = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            String user = users.get(i);
            Instant checkout = Instant.now();
            post("bench-out-" + i, "checked_out", "BK-BENCH-" + i, arrival, departure);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2))
                    .until(() -> nas.received().stream().anyMatch(r -> user.equals(r.attributes().get(1))));
            Instant asked = nas.received().stream().filter(r -> user.equals(r.attributes().get(1))).findFirst().orElseThrow().at();
            millis[i] = Duration.between(checkout, asked).toMillis();
        }
        java.util.Arrays.sort(millis);
        System.out.printf("disconnect latency over %d checkouts (event posted -> Disconnect-Request at the NAS): p50 %d ms, p95 %d ms, max %d ms%n",
                rounds, millis[rounds / 2], millis[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.95) - 1)], millis[rounds - 1]);
        assertThat(millis[rounds - 1]).as("every session ended within seconds").isLessThan(10_000);
    }
}
