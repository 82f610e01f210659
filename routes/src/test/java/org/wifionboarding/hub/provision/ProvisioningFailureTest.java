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

/**
 * A provisioning target that fails: the booking says RETRYING, then FAILED with the error on the broker's last attempt (front desk
 * flagged), the message ends in its dead-letter queue, a later success clears it.
 */
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
            JsonNode dead = Json.MAPPER.readTree(hub.getAdmin("/api/dead-letters/" + HubQueues.PROVISIONING).body());
            assertThat(dead.at("/messages/0/bookingRef").asText()).isEqualTo("generic:BK-PROV");
            assertThat(dead.at("/messages/0/reason").asText()).contains("radcheck");
            assertThat(booking(hub).path("timeline").findValuesAsText("entry"))
                    .anyMatch(e -> e.startsWith("provisioning failed (attempt 1)"))
                    .anyMatch(e -> e.startsWith("provisioning failed (attempt 4, the last: dead-lettered; front desk follow-up)"));
            assertThat(booking(hub).at("/delivery/frontDesk").asBoolean()).as("failed for good: the front desk hands the credential out").isTrue();

            hub.jdbc().execute("ALTER TABLE radcheck_away RENAME TO radcheck");
            // the operator replays the dead letter once the cause is fixed: it goes back to hub.provisioning and succeeds
            var replay = hub.admin("POST", "/api/dead-letters/" + HubQueues.PROVISIONING + "/replay", RunningHub.ADMIN_TOKEN);
            assertThat(Json.MAPPER.readTree(replay.body()).path("replayed").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(booking(hub).at("/provisioning/state").asText()));
            assertThat(deadLetters(hub)).isZero();
            assertThat(hub.admin("POST", "/api/dead-letters/" + HubQueues.PROVISIONING + "/replay", null).statusCode()).isEqualTo(401);
            assertThat(hub.admin("DELETE", "/api/dead-letters/not-a-queue", RunningHub.ADMIN_TOKEN).statusCode()).isEqualTo(404);
            assertThat(hub.postGeneric(generic("prov-2", "modified", Instant.now().plusSeconds(1).toString(), "default", "BK-PROV", arrival,
                    LocalDate.now().plusDays(13).toString())).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(booking(hub).at("/provisioning/state").asText()));
            assertThat(booking(hub).at("/provisioning/error").isNull()).isTrue();
            assertThat(booking(hub).path("timeline").findValuesAsText("entry")).last().asString().startsWith("radius-sql: radius-account");
        }
    }

    private static long deadLetters(RunningHub hub) throws Exception {
        var answer = hub.getAdmin("/api/dead-letters/" + HubQueues.PROVISIONING);
        return answer.statusCode() == 200 ? Json.MAPPER.readTree(answer.body()).path("messages").size() : -1;
    }
}
