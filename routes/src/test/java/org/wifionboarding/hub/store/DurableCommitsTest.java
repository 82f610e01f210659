package org.wifionboarding.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/** On the embedded H2, every stage waits for a checkpoint before its JMS transaction commits, and checkpoints are shared. */
class DurableCommitsTest {

    @TempDir
    Path dataDir;

    @Test
    void each_stage_fences_its_commits_and_concurrent_fences_share_checkpoints() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            DurableCommits durable = hub.context().getRegistry().lookupByNameAndType("durableCommits", DurableCommits.class);
            long before = durable.fenceCount();
            String arrival = LocalDate.now().plusDays(2).toString();
            for (int i = 0; i < 20; i++) {
                assertThat(hub.postGeneric(generic("fence-" + i, "confirmed", Instant.now().toString(), "default", "BK-FENCE-" + i, arrival,
                        LocalDate.now().plusDays(3).toString())).statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM booking WHERE booking_id LIKE 'BK-FENCE-%' AND provisioning_state = 'OK'", Long.class) == 20);
            // ingest batches, normalise, lifecycle, provisioning (and delivery) each fenced: several fences per event
            assertThat(durable.fenceCount() - before).isGreaterThanOrEqualTo(60);
            assertThat(durable.checkpointCount()).isLessThanOrEqualTo(durable.fenceCount());
            // through the hub's pool the checkpoints reach H2's file store, and wait for its chunk writes, every time
            // (a checkpoint still running has waited already and is not counted yet)
            assertThat(durable.chunkWaitCount()).isPositive().isGreaterThanOrEqualTo(durable.checkpointCount());
        }
    }
}
