package org.wifionboarding.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.deliver.ScriptedSmtpServer;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.publish.WebhookReceiver;

/**
 * Lifecycle events out under SIGKILL: one node on its embedded defaults with a webhook subscriber (a receiver in this
 * JVM verifying every signature with Standard Webhooks' reference library), killed again and again while senders that
 * retry until they get a 2xx confirm bookings. Then: every booking's transitions reached the subscriber (none lost),
 * each transition under one webhook id, in the booking's order, and a copy of an event only with the same id.
 */
class EventsCrashIT {

    static final int BOOKINGS = Integer.getInteger("faults.events-bookings", 400);
    static final int KILLS = Integer.getInteger("faults.events-kills", 4);
    static final int CONSUMERS = 4;
    static final List<String> EXPECTED = List.of("booking.confirmed", "credential.delivered");

    @TempDir
    Path work;

    @Test
    void sigkills_lose_no_event_and_repeat_one_only_under_its_own_id_in_order() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String run = "events";
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(); WebhookReceiver crm = new WebhookReceiver(secret)) {
            HubNode hub = new HubNode(run, work, Map.of("HUB_SMTP_HOST", "127.0.0.1", "HUB_SMTP_PORT", String.valueOf(smtp.port()),
                    "HUB_SUBSCRIBERS_CRM_URL", crm.url(), "HUB_SUBSCRIBERS_CRM_SECRET", secret,
                    "HUB_SUBSCRIBERS_CRM_PER_SECOND", "100000", "HUB_SUBSCRIBERS_CRM_CONSUMERS", String.valueOf(CONSUMERS)));
            Senders senders = new Senders();
            Set<String> bookings = ConcurrentHashMap.newKeySet();
            hub.start();
            Thread killer = new Thread(() -> {
                try {
                    for (int kill = 0; kill < KILLS; kill++) {
                        long from = crm.received.size();
                        Instant latest = Instant.now().plusSeconds(60);
                        // kill while events are on their way to the subscriber
                        while (crm.received.size() - from < BOOKINGS / (KILLS + 1) && Instant.now().isBefore(latest)) {
                            Thread.sleep(5);
                        }
                        hub.kill();
                        hub.start();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "killer");
            killer.start();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            List<URI> node = List.of(hub.webhook());
            Senders.run(BOOKINGS, 16, i -> () -> {
                String eventKey = run + "-" + i;
                bookings.add(run + "-B" + i);
                senders.postUntilAcknowledged(eventKey, Senders.event(eventKey, "confirmed", Instant.now(), run + "-B" + i, i), node, 0, deadline);
            });
            killer.join();

            // settle: until every booking's two events arrived, or 5 minutes
            Instant settle = Instant.now().plusSeconds(300);
            Map<String, Map<String, Receipt>> byBooking = byBooking(crm);
            while (Instant.now().isBefore(settle) && !complete(byBooking, bookings)) {
                Thread.sleep(1000);
                byBooking = byBooking(crm);
            }
            hub.stop();
            Files.createDirectories(Path.of("target", "faults-logs"));
            Files.copy(hub.log(), Path.of("target", "faults-logs", run + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            List<String> missed = new ArrayList<>();
            int missing = 0;
            int outOfOrder = 0;
            int idsPerTransition = 0;
            for (String booking : bookings) {
                Map<String, Receipt> got = byBooking.getOrDefault(booking, Map.of());
                if (!got.keySet().containsAll(EXPECTED)) {
                    missing++;
                    if (missed.size() < 5) {
                        missed.add(booking + " got " + got.keySet());
                    }
                    continue;
                }
                List<Integer> sequences = got.values().stream().map(Receipt::sequence).toList();
                if (!got.keySet().stream().toList().equals(EXPECTED) || !sequences.equals(List.of(1, 2))) {
                    outOfOrder++;
                }
                if (got.values().stream().anyMatch(r -> r.ids().size() != 1)) {
                    idsPerTransition++;
                }
            }
            long copies = crm.received.size() - crm.received.stream().map(WebhookReceiver.Received::webhookId).distinct().count();
            String report = String.format("%-8s bookings %5d  events received %6d  missing %d  out of order %d  transitions under two ids %d  "
                    + "copies (same id) %d  unverified %d  kills %d  sender retries %d%s", run, bookings.size(), crm.received.size(), missing, outOfOrder,
                    idsPerTransition, copies, crm.received.stream().filter(r -> !r.verified()).count(), KILLS, senders.retries.get(),
                    missed.isEmpty() ? "" : "\n  missing, e.g. " + missed + "\n  the node's data directory is kept: " + hub.dataDir());
            Files.writeString(Path.of("target", "faults-events.txt"), report + "\n");
            System.out.println(report);

            assertThat(senders.acknowledgements.get()).as(report).isEqualTo(BOOKINGS);
            assertThat(missing).as(report).isZero();
            assertThat(outOfOrder).as(report).isZero();
            assertThat(idsPerTransition).as(report).isZero();
            assertThat(crm.received).as(report).allMatch(WebhookReceiver.Received::verified);
            // a copy only where a kill struck between the subscriber's 2xx and the hub's record of it: at most one per consumer
            assertThat(copies).as(report).isLessThanOrEqualTo((long) KILLS * CONSUMERS);
            assertThat(hub.logText()).doesNotContain(Senders.NAME_PREFIX).doesNotContain("@example.org");
        }
    }

    /** What the subscriber got for one transition: the booking's number for it, and every webhook id it came under. */
    record Receipt(int sequence, Set<String> ids) {
    }

    /** Booking → type → receipt, types in the order the subscriber first received them. */
    static Map<String, Map<String, Receipt>> byBooking(WebhookReceiver receiver) throws Exception {
        Map<String, Map<String, Receipt>> all = new LinkedHashMap<>();
        for (WebhookReceiver.Received r : new ArrayList<>(receiver.received)) {
            JsonNode event = Json.MAPPER.readTree(r.body());
            all.computeIfAbsent(event.path("data").path("booking").path("bookingId").asText(), b -> new LinkedHashMap<>())
                    .computeIfAbsent(event.path("type").asText(), t -> new Receipt(event.path("data").path("sequence").asInt(), ConcurrentHashMap.newKeySet()))
                    .ids().add(r.webhookId());
        }
        return all;
    }

    static boolean complete(Map<String, Map<String, Receipt>> byBooking, Set<String> bookings) {
        return bookings.stream().allMatch(b -> byBooking.getOrDefault(b, Map.of()).keySet().containsAll(EXPECTED));
    }
}
