package org.wifionboarding.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.deliver.ScriptedSmtpServer;

/**
 * Runs (b) and (c) of the fault tests, on the production topology: two hub nodes (the packaged jar), a
 * standalone Artemis 2.56 made from its Maven Central distribution with the project's broker.xml, and
 * PostgreSQL. Copies of each event raced to both nodes, a node SIGKILLed under load while senders fail over,
 * the broker stopped and restarted under load, and one booking's events spread over both nodes in random
 * order. After each, the checker: lost 0, duplicated 0, stuck 0, one email per guest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    static final int EVENTS = Integer.getInteger("faults.cluster-events", 600);
    static final int NODE_KILLS = Integer.getInteger("faults.node-kills", 1);
    static final String URL = System.getenv().getOrDefault("HUB_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("HUB_TEST_POSTGRES_USER", "postgres");

    @TempDir
    static Path work;
    static String schema = "hub_faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static StandaloneArtemis broker;
    static ScriptedSmtpServer smtp;
    static HubNode a;
    static HubNode b;
    static Senders senders = new Senders();
    static int guests;

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException unreachable) {
            Assumptions.assumeFalse(System.getenv("CI") == null, "no PostgreSQL at " + URL);
            throw unreachable;
        }
        broker = new StandaloneArtemis(work).create().start();
        smtp = new ScriptedSmtpServer();
        Map<String, String> cluster = Map.of("HUB_BROKER_URL", broker.url(), "HUB_BROKER_USER", StandaloneArtemis.USER,
                "HUB_BROKER_PASSWORD", StandaloneArtemis.PASSWORD, "HUB_DB_URL", URL + "?currentSchema=" + schema, "HUB_DB_USER", USER,
                "HUB_CRYPTO_KEY", RunningHub.CRYPTO_KEY, "HUB_SMTP_HOST", "127.0.0.1", "HUB_SMTP_PORT", String.valueOf(smtp.port()),
                "HUB_BROKER_MAX_DELIVERY_ATTEMPTS", "10");
        a = new HubNode("node-a", work, cluster).start();
        b = new HubNode("node-b", work, cluster).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, broker, smtp}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        for (HubNode node : new HubNode[] {a, b}) {
            if (node != null) {
                assertThat(node.logText()).as(node.name() + " log").doesNotContain(Senders.NAME_PREFIX).doesNotContain("@example.org");
            }
        }
        try (Connection c = DriverManager.getConnection(URL, USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static List<URI> nodes() {
        return List.of(a.webhook(), b.webhook());
    }

    /** Waits for the run's bookings to settle, then takes and records the verdict. */
    private static Verdict verdict(String run, Map<String, Integer> bookings, Verdict.Expect expect, int eventsPerBooking, String notes)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(Integer.getInteger("faults.settle-seconds", 240));
        Verdict verdict;
        do {
            try (Connection db = DriverManager.getConnection(URL + "?currentSchema=" + schema, USER, "")) {
                verdict = Verdict.of(run, db, bookings, senders.acknowledgedIds, expect, eventsPerBooking, smtp::deliveredTo);
            }
            if (!verdict.settled()) {
                Thread.sleep(1000);
            }
        } while (!verdict.settled() && Instant.now().isBefore(deadline));
        String report = verdict.report() + (notes.isEmpty() ? "" : "\n  " + notes);
        Files.writeString(Path.of("target", "faults-cluster.txt"), report + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(report);
        assertThat(verdict.lost()).as(report).isZero();
        assertThat(verdict.duplicated()).as(report).isZero();
        assertThat(verdict.stuck()).as(report).isZero();
        assertThat(verdict.missingEmails()).as(report).isZero();
        return verdict;
    }

    /** {@code copies} copies of every event, posted to both nodes at the same moment, each retried until acknowledged. */
    private static void copiesRaced(String run, int events, int copies) throws Exception {
        Map<String, Integer> bookings = new ConcurrentHashMap<>();
        int first = guests;
        guests += events;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        Senders.run(events, 8, i -> () -> {
            String key = run + "-" + i;
            int guest = first + i;
            bookings.put(run + "-B" + i, guest);
            String body = Senders.event(key, "confirmed", Instant.now(), run + "-B" + i, guest);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> racers = new ArrayList<>();
            for (int c = 0; c < copies; c++) {
                int node = c % 2;
                Thread racer = new Thread(() -> {
                    try {
                        go.await();
                        senders.postUntilAcknowledged(key, body, nodes(), node, deadline);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                racer.start();
                racers.add(racer);
            }
            go.countDown();
            for (Thread racer : racers) {
                racer.join();
            }
        });
        Verdict verdict = verdict(run, bookings, Verdict.Expect.CONFIRMED, 1, copies + " copies of each event, raced to both nodes");
        assertThat(verdict.acknowledged()).isEqualTo(events);
        assertThat(verdict.extraEmails()).isZero();
    }

    @Test
    @Order(1)
    void every_event_posted_to_both_nodes_at_once_twice_is_applied_exactly_once() throws Exception {
        copiesRaced("copies2", EVENTS / 2, 2);
    }

    @Test
    @Order(2)
    void every_event_posted_to_both_nodes_at_once_four_times_is_applied_exactly_once() throws Exception {
        copiesRaced("copies4", EVENTS / 4, 4);
    }

    @Test
    @Order(3)
    void nodes_killed_under_load_lose_nothing_while_senders_fail_over() throws Exception {
        String run = "nodekill";
        Map<String, Integer> bookings = new ConcurrentHashMap<>();
        int first = guests;
        guests += EVENTS;
        AtomicBoolean done = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            try {
                for (int kill = 0; kill < NODE_KILLS; kill++) {
                    long from = senders.acknowledgements.get();
                    while (senders.acknowledgements.get() - from < EVENTS / (NODE_KILLS + 2) && !done.get()) {
                        Thread.sleep(5);
                    }
                    HubNode victim = kill % 2 == 0 ? a : b;
                    victim.kill();
                    Thread.sleep(3000);
                    victim.start();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        Senders.run(EVENTS, 16, i -> () -> {
            String key = run + "-" + i;
            bookings.put(run + "-B" + i, first + i);
            senders.postUntilAcknowledged(key, Senders.event(key, "confirmed", Instant.now(), run + "-B" + i, first + i), nodes(), i % 2, deadline);
        });
        done.set(true);
        killer.join();
        Verdict verdict = verdict(run, bookings, Verdict.Expect.CONFIRMED, 1, NODE_KILLS + " node kill(s) (SIGKILL) under load, "
                + "each node restarted 3 s later");
        assertThat(verdict.extraEmails()).as("a kill interrupts at most one send per email consumer").isLessThanOrEqualTo(4 * NODE_KILLS);
    }

    @Test
    @Order(4)
    void the_broker_stopped_and_restarted_under_load_loses_nothing() throws Exception {
        String run = "brokerstop";
        Map<String, Integer> bookings = new ConcurrentHashMap<>();
        int first = guests;
        guests += EVENTS;
        AtomicBoolean done = new AtomicBoolean();
        Thread restarter = new Thread(() -> {
            try {
                long from = senders.acknowledgements.get();
                while (senders.acknowledgements.get() - from < EVENTS / 3 && !done.get()) {
                    Thread.sleep(5);
                }
                broker.stop();
                Thread.sleep(3000);
                broker.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        restarter.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        Senders.run(EVENTS, 16, i -> () -> {
            String key = run + "-" + i;
            bookings.put(run + "-B" + i, first + i);
            senders.postUntilAcknowledged(key, Senders.event(key, "confirmed", Instant.now(), run + "-B" + i, first + i), nodes(), i % 2, deadline);
        });
        done.set(true);
        restarter.join();
        verdict(run, bookings, Verdict.Expect.CONFIRMED, 1, "the broker stopped (SIGTERM) after a third of the events, restarted 3 s later");
    }

    @Test
    @Order(6)
    void the_standalone_brokers_queue_depths_reach_each_nodes_metrics() throws Exception {
        // read through Artemis' management address with the hub role's `manage` permission, as on the embedded broker
        java.util.regex.Pattern depth = java.util.regex.Pattern.compile("(?m)^hub_queue_messages\\{queue=\"hub\\.inbound\"\\} [0-9.E]+$");
        for (HubNode node : List.of(a, b)) {
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> node.alive() && depth.matcher(node.metrics()).find());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                String metrics = node.metrics().lines().filter(l -> l.contains("hub_queue_messages")).findFirst().orElse("(no hub_queue_messages)");
                String log = node.logText().lines().filter(l -> l.contains("QueueDepths") || l.contains("queue depths")).findFirst().orElse("(no log line)");
                throw new AssertionError("no queue depth from the standalone broker: " + metrics + " / " + log, e);
            }
        }
    }

    @Test
    @Order(5)
    void one_bookings_confirm_modify_and_checkout_spread_over_both_nodes_in_random_order_end_revoked_without_network_rows() throws Exception {
        String run = "order";
        int count = Math.max(20, EVENTS / 6);
        Map<String, Integer> bookings = new ConcurrentHashMap<>();
        List<String[]> posts = new ArrayList<>();   // event key, body
        Instant base = Instant.now().minusSeconds(60);
        for (int i = 0; i < count; i++) {
            String booking = run + "-B" + i;
            int guest = guests + i;
            bookings.put(booking, guest);
            posts.add(new String[] {run + "-" + i + "-c", Senders.event(run + "-" + i + "-c", "confirmed", base, booking, guest)});
            posts.add(new String[] {run + "-" + i + "-m", Senders.event(run + "-" + i + "-m", "modified", base.plusSeconds(1), booking, guest, 4)});
            posts.add(new String[] {run + "-" + i + "-o", Senders.event(run + "-" + i + "-o", "checked_out", base.plusSeconds(2), booking, guest)});
        }
        guests += count;
        Collections.shuffle(posts);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        Senders.run(posts.size(), 16, i -> () -> senders.postUntilAcknowledged(posts.get(i)[0], posts.get(i)[1], nodes(),
                java.util.concurrent.ThreadLocalRandom.current().nextInt(2), deadline));
        verdict(run, bookings, Verdict.Expect.CHECKED_OUT, 3, count + " bookings, confirm/modify/checkout shuffled over both nodes");
    }
}
