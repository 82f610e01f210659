package org.wifionboarding.hub.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.mapping.Json;

/** A provisioning target that fails: the booking says FAILED with the error, the message ends in its dead-letter queue, a later success clears it. */
class ProvisioningFailureTest {

    @TempDir
    Path dataDir;

    private static JsonNode booking(RunningHub hub) throws Exception {
        return Json.MAPPER.readTree(hub.getAdmin("/api/bookings/generic/BK-PROV").body());
    }

    @Test
    void a_failing_target_marks_provisioning_failed_dead_letters_the_message_and_a_later_success_clears_it() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            hub.jdbc().execute("ALTER TABLE radcheck RENAME TO radcheck_away");
            String arrival = LocalDate.now().plusDays(10).toString();
            assertThat(hub.postGeneric(generic("prov-1", "confirmed", Instant.now().toString(), "default", "BK-PROV", arrival,
                    LocalDate.now().plusDays(12).toString())).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/BK-PROV").statusCode() == 200
                    && "FAILED".equals(booking(hub).at("/provisioning/state").asText()));
            assertThat(booking(hub).at("/provisioning/error").asText()).contains("radcheck");
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(hub) == 1);
            // dead-lettered by the hub on the broker's last attempt, with the error attached for whoever replays it
            String dead = hub.management("/observe/jolokia/exec/" + DLQ_MBEAN + "/browse()").body();
            assertThat(dead).contains("HubFailure").contains("radcheck").contains(HubQueues.PROVISIONING);
            assertThat(booking(hub).path("timeline").findValuesAsText("entry"))
                    .anyMatch(e -> e.startsWith("provisioning failed (attempt 1)"))
                    .anyMatch(e -> e.startsWith("provisioning failed (attempt 4, the last: dead-lettered)"));

            hub.jdbc().execute("ALTER TABLE radcheck_away RENAME TO radcheck");
            assertThat(hub.postGeneric(generic("prov-2", "modified", Instant.now().plusSeconds(1).toString(), "default", "BK-PROV", arrival,
                    LocalDate.now().plusDays(13).toString())).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(booking(hub).at("/provisioning/state").asText()));
            assertThat(booking(hub).at("/provisioning/error").isNull()).isTrue();
            assertThat(booking(hub).path("timeline").findValuesAsText("entry")).last().asString().startsWith("radius-sql: radius-account");
        }
    }

    // DLQ.<queue> is a filtered multicast queue on the DLA address
    private static final String DLQ_MBEAN = "org.apache.activemq.artemis:broker=%22wifi-onboarding-hub%22,component=addresses,address=%22DLA%22,"
            + "subcomponent=queues,routing-type=%22multicast%22,queue=%22" + HubQueues.deadLetterQueue(HubQueues.PROVISIONING) + "%22";

    private static long deadLetters(RunningHub hub) throws Exception {
        String body = hub.management("/observe/jolokia/read/" + DLQ_MBEAN + "/MessageCount").body();
        JsonNode answer = Json.MAPPER.readTree(body);
        return answer.path("status").asInt() == 200 ? answer.path("value").asLong() : -1;
    }
}
