package org.wifionboarding.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.broker.EmbeddedHubBroker;

/** Readiness says whether this node can take webhooks now (broker and database reachable); liveness does not depend on them. */
class ReadinessTest {

    @TempDir
    Path dataDir;

    @Test
    void readiness_goes_down_without_the_broker_or_the_database_and_liveness_stays_up() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            assertThat(hub.management("/observe/health/ready").statusCode()).isEqualTo(200);
            assertThat(hub.management("/observe/health/ready").body()).contains("broker").contains("database");

            hub.context().getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedHubBroker.class).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.management("/observe/health/ready").statusCode() == 503);
            assertThat(hub.management("/observe/health/ready").body()).contains("broker");
            assertThat(hub.management("/observe/health/live").statusCode()).isEqualTo(200);

            hub.context().getRegistry().lookupByNameAndType(HubComponents.DATA_SOURCE, HikariDataSource.class).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.management("/observe/health/ready?data=true").body().contains("database"));
            assertThat(hub.management("/observe/health/live").statusCode()).isEqualTo(200);
        }
    }
}
