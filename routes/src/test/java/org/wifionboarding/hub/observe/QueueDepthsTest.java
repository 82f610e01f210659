package org.wifionboarding.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/**
 * Reading the queues' depths (a management request on a connection of its own, with a temporary queue for the answers)
 * while webhooks are accepted must not touch the connections the stages send on. It once borrowed one of the pool's
 * shared connections and closed it again: the pool then deleted the temporary queue on the shared connection (logged
 * "on closing pooled connection", which this test sees on that code), and under heavier load Artemis warned of
 * sessions used by two threads at once (AMQ212051) at every reading ({@code bench/run.sh}).
 */
class QueueDepthsTest {

    @TempDir
    Path dataDir;

    @Test
    void readings_under_load_leave_the_stages_connections_alone() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger root = (Logger) LogManager.getRootLogger();
        AbstractAppender watch = new AbstractAppender("amq212051", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String message = event.getMessage().getFormattedMessage();
                if (message.contains("AMQ212051") || message.contains("on closing pooled connection")) {
                    warnings.add(message);
                }
            }
        };
        watch.start();
        root.addAppender(watch);
        ExecutorService senders = Executors.newFixedThreadPool(9);
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            QueueDepths depths = hub.context().getRegistry().lookupByNameAndType("queueDepths", QueueDepths.class);
            String arrival = LocalDate.now().plusDays(30).toString();
            String departure = LocalDate.now().plusDays(32).toString();
            AtomicBoolean sending = new AtomicBoolean(true);
            // the readings first, on a thread of their own, so they run for as long as the senders do
            Future<Integer> readings = senders.submit(() -> {
                int n = 0;
                while (sending.get()) {
                    depths.measure();
                    n++;
                }
                return n;
            });
            List<Future<Integer>> accepted = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                accepted.add(senders.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 150; i++) {
                        String id = "qd-" + thread + "-" + i;
                        int status = hub.postGeneric(generic(id, "confirmed", "2026-11-01T10:00:00Z", "hotel-paris", "B-" + id, arrival, departure))
                                .statusCode();
                        ok += status == 202 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> sender : accepted) {
                total += sender.get();
            }
            sending.set(false);
            assertThat(total).isEqualTo(8 * 150);
            assertThat(readings.get()).isPositive();
        } finally {
            senders.shutdownNow();
            root.removeAppender(watch);
        }
        assertThat(warnings).isEmpty();
    }
}
