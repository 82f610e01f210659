package org.wifionboarding.hub.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Booking systems as they behave: each event is posted until a 2xx comes back (connection refused, a timeout
 * or a 5xx only make the sender wait a little and try again, on the next node when it knows several). Every
 * 2xx is recorded with the hub event id it named, so the checker can see that all copies of one event were
 * given one id.
 */
final class Senders {

    static final String NAME_PREFIX = "Fault Guest ";
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    /** What the senders were told: per event key, the statuses and hub event ids of its 2xx answers. */
    final Map<String, Set<String>> acknowledgedIds = new ConcurrentHashMap<>();
    final Map<String, Integer> firstStatus = new ConcurrentHashMap<>();
    final AtomicLong acknowledgements = new AtomicLong();
    final AtomicLong retries = new AtomicLong();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(4)).build();

    /** A generic-source event for guest {@code guest} (each guest has an address of its own, to count emails). */
    static String event(String eventKey, String type, Instant occurredAt, String bookingId, int guest) {
        return event(eventKey, type, occurredAt, bookingId, guest, 3);
    }

    /** The same, for a stay ending {@code departureDays} from today. */
    static String event(String eventKey, String type, Instant occurredAt, String bookingId, int guest, int departureDays) {
        return """
                {"eventId": "%s", "type": "%s", "occurredAt": "%s", "venueId": "default", "bookingId": "%s",
                 "arrival": "%s", "departure": "%s", "room": "%d",
                 "guest": {"name": "%s%d", "email": "%s", "language": "en"}}
                """.formatted(eventKey, type, occurredAt, bookingId, LocalDate.now().plusDays(1), LocalDate.now().plusDays(departureDays), guest % 500,
                NAME_PREFIX, guest, email(guest));
    }

    static String email(int guest) {
        return "fault-guest-" + guest + "@example.org";
    }

    /** Posts {@code body} until a 2xx, trying {@code nodes} in turn from {@code first}; gives up only at {@code deadline}. */
    int postUntilAcknowledged(String eventKey, String body, List<URI> nodes, int first, Instant deadline) throws InterruptedException {
        int attempt = 0;
        while (Instant.now().isBefore(deadline)) {
            URI target = nodes.get((first + attempt) % nodes.size());
            attempt++;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + HubNode.SOURCE_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200 || status == 202) {
                    Matcher id = EVENT_ID.matcher(response.body());
                    acknowledgedIds.computeIfAbsent(eventKey, k -> ConcurrentHashMap.newKeySet()).add(id.find() ? id.group(1) : "?");
                    firstStatus.putIfAbsent(eventKey, status);
                    acknowledgements.incrementAndGet();
                    return status;
                }
                if (status >= 400 && status < 500) {
                    throw new AssertionError("event " + eventKey + " refused with " + status + ": " + response.body());
                }
            } catch (IOException unreachable) {
                // the node is down or restarting: try again, elsewhere if there is an elsewhere
            }
            retries.incrementAndGet();
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
        }
        throw new AssertionError("event " + eventKey + " was never acknowledged");
    }

    /** Runs {@code count} sends on {@code threads} threads; send {@code i} is {@code job.apply(i)}. */
    static void run(int count, int threads, IntFunction<ThrowingRunnable> job) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ThrowingRunnable task = job.apply(i);
            futures.add(pool.submit(() -> {
                task.run();
                return null;
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(20, TimeUnit.MINUTES)) {
            throw new AssertionError("the senders did not finish");
        }
        for (var future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** A send that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
