package org.wifionboarding.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.deliver.ScriptedSmtpServer;
import org.wifionboarding.hub.store.HubDatabase;

/**
 * Run (a) of the fault tests: one node on its embedded defaults (in-process Artemis, H2), SIGKILLed again and
 * again while senders that retry until they get a 2xx pour events in, with a backlog in {@code hub.inbound} at
 * kills, restarted on the same data directory each time. Then the checker: nothing acknowledged is lost, no event
 * is applied twice, no second credential, nothing stuck, one email per guest except at most one repeat per kill.
 */
class SingleNodeCrashIT {

    static final int EVENTS = Integer.getInteger("faults.events", 2500);
    static final int KILLS = Integer.getInteger("faults.kills", 8);

    @TempDir
    Path work;

    @Test
    void a_kill_while_the_smtp_server_holds_its_answer_ends_in_one_repeat_and_a_sent_booking() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.script(ScriptedSmtpServer.STALL);
            HubNode hub = new HubNode("smtp-kill", work, Map.of("HUB_SMTP_HOST", "127.0.0.1", "HUB_SMTP_PORT", String.valueOf(smtp.port())));
            Senders senders = new Senders();
            try {
                hub.start();
                senders.postUntilAcknowledged("smtp-kill-1", Senders.event("smtp-kill-1", "confirmed", Instant.now(), "smtp-kill-B1", 1),
                        List.of(hub.webhook()), 0, Instant.now().plusSeconds(60));
                assertThat(smtp.awaitStall(60)).as("the email reached the SMTP server").isTrue();
                hub.kill();   // the guest has the email; the hub never heard the 250
                hub.start();

                Instant deadline = Instant.now().plusSeconds(90);
                String state = "";
                // the booking's delivery, not just an attempt, says SENT
                while (Instant.now().isBefore(deadline) && !state.contains("\"delivery\":{\"channel\":\"email\",\"state\":\"SENT\"")) {
                    state = hub.admin("/api/bookings/generic/smtp-kill-B1").body();
                    Thread.sleep(500);
                }
                assertThat(state).contains("\"delivery\":{\"channel\":\"email\",\"state\":\"SENT\"").contains("an interrupted send by email is tried again");
                assertThat(smtp.deliveredTo(Senders.email(1))).as("one repeat for one kill").isEqualTo(2);
            } finally {
                hub.stop();
            }
        }
    }

    @Test
    void sigkills_under_load_lose_nothing_acknowledged_duplicate_nothing_and_leave_nothing_stuck() throws Exception {
        String run = "single";
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            HubNode hub = new HubNode(run, work, Map.of("HUB_SMTP_HOST", "127.0.0.1", "HUB_SMTP_PORT", String.valueOf(smtp.port())));
            Senders senders = new Senders();
            Map<String, Integer> bookings = new ConcurrentHashMap<>();
            List<Long> backlogs = new ArrayList<>();
            AtomicBoolean loadDone = new AtomicBoolean();
            hub.start();
            Thread killer = new Thread(() -> {
                try {
                    for (int kill = 0; kill < KILLS; kill++) {
                        long from = senders.acknowledgements.get();
                        long gap = ThreadLocalRandom.current().nextLong(EVENTS / (KILLS + 2) / 2 + 1, EVENTS / (KILLS + 2) * 3 / 2 + 2);
                        while (senders.acknowledgements.get() - from < gap && !loadDone.get()) {
                            Thread.sleep(5);
                        }
                        backlogs.add(hub.queueDepth("hub.inbound"));
                        hub.kill();
                        hub.start();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "killer");
            killer.start();
            // one node on H2 takes about 35 events a second here while it is killed again and again: the senders' deadline
            // grows with the run (15 minutes at CI size, about 40 at the full 50,000)
            Instant deadline = Instant.now().plus(Duration.ofSeconds(Math.max(900, EVENTS / 20)));
            List<URI> node = List.of(hub.webhook());
            Senders.run(EVENTS, 24, i -> () -> {
                String key = run + "-" + i;
                bookings.put(run + "-B" + i, i);
                senders.postUntilAcknowledged(key, Senders.event(key, "confirmed", Instant.now(), run + "-B" + i, i), node, 0, deadline);
            });
            loadDone.set(true);
            killer.join();

            settle(hub, bookings.keySet());
            String queues = queueDepths(hub);
            hub.stop();
            Files.createDirectories(Path.of("target", "faults-logs"));
            Files.copy(hub.log(), Path.of("target", "faults-logs", run + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Verdict verdict;
            try (Connection db = DriverManager.getConnection(HubDatabase.embeddedUrl(hub.dataDir()), "sa", "")) {
                verdict = Verdict.of(run, db, bookings, senders.acknowledgedIds, Verdict.Expect.CONFIRMED, 1, smtp::deliveredTo);
            }
            String report = verdict.report() + "\n  kills " + KILLS + ", hub.inbound backlog at each kill " + backlogs + ", sender retries "
                    + senders.retries.get() + "\n  queues at the end: " + queues;
            Files.writeString(Path.of("target", "faults-single.txt"), report + "\n");
            System.out.println(report);

            assertThat(verdict.acknowledged()).as(report).isEqualTo(EVENTS);
            assertThat(verdict.lost()).as(report).isZero();
            assertThat(verdict.duplicated()).as(report).isZero();
            assertThat(verdict.stuck()).as(report).isZero();
            assertThat(verdict.missingEmails()).as(report).isZero();
            assertThat(verdict.extraEmails()).as("at most one repeat per send a kill interrupted (4 email consumers): " + report).isLessThanOrEqualTo(KILLS * 4);
            assertThat(backlogs).as("some kills found a backlog in hub.inbound").anyMatch(depth -> depth > 0);
            assertThat(hub.logText()).doesNotContain(Senders.NAME_PREFIX).doesNotContain("@example.org");
        }
    }

    /** Messages left in every hub queue and dead-letter queue, as Jolokia reads them. */
    static String queueDepths(HubNode hub) {
        StringBuilder depths = new StringBuilder();
        for (String queue : List.of("hub.inbound", "hub.booking-events", "hub.provisioning", "hub.delivery", "hub.delivery.email")) {
            depths.append(queue).append('=').append(hub.queueDepth(queue)).append(' ');
        }
        return depths.toString().trim();
    }

    /**
     * Waits until every booking is provisioned and its delivery has ended (SENT or FAILED), as the admin API shows it.
     * Each pass stops at the 50th booking still open, so a backlog of tens of thousands is not asked about in full every
     * second (which took the hub's own CPU from the work it was catching up on).
     */
    static void settle(HubNode hub, java.util.Set<String> bookingIds) throws Exception {
        java.util.Set<String> open = new java.util.LinkedHashSet<>(new java.util.TreeSet<>(bookingIds));
        Instant deadline = Instant.now().plusSeconds(Integer.getInteger("faults.settle-seconds", 240));
        while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
            int stillOpen = 0;
            for (java.util.Iterator<String> it = open.iterator(); it.hasNext() && stillOpen < 50; ) {
                String body = hub.admin("/api/bookings/generic/" + it.next()).body();
                if (body.contains("\"provisioning\":{\"target\":\"radius-sql\",\"state\":\"OK\"")
                        && (body.contains("\"state\":\"SENT\"") || body.contains("\"state\":\"FAILED\""))) {
                    it.remove();
                } else {
                    stillOpen++;
                }
            }
            if (!open.isEmpty()) {
                Thread.sleep(1000);
            }
        }
    }
}
