package org.wifionboarding.hub.connect.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.config;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.stay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTarget.Result;
import org.wifionboarding.hub.connect.TargetRefusedException;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.ruckus.RuckusOneTargetFactory;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.RuckusOneStub;

class RuckusOneTargetTest {

    private static final String PASSPHRASES = "/dpskServices/" + RuckusOneStub.POOL + "/passphrases";
    private final RuckusOneStub ruckus = new RuckusOneStub("rec-tenant-91");
    private final JdbcConnectionPool db = TargetTestSupport.database("ruckus" + System.nanoTime());

    RuckusOneTargetTest() throws Exception {
    }

    @AfterEach
    void close() {
        ruckus.close();
        db.dispose();
    }

    private Map<String, String> settings(String name) {
        Map<String, String> values = new HashMap<>(Map.of(
                "hub.targets." + name + ".ruckus-url", ruckus.apiUrl(),
                "hub.targets." + name + ".tenant-id", RuckusOneStub.TENANT,
                "hub.targets." + name + ".ruckus-client-id", RuckusOneStub.CLIENT_ID,
                "hub.targets." + name + ".ruckus-client-secret", RuckusOneStub.CLIENT_SECRET,
                "hub.targets." + name + ".delegated-tenant-id", "rec-tenant-91",
                "hub.targets." + name + ".dpsk-pool-id", RuckusOneStub.POOL,
                "hub.targets." + name + ".devices-per-key", "4",
                "hub.targets." + name + ".timeout", "PT2S"));
        return values;
    }

    private ProvisioningTarget target(Map<String, String> values) {
        return new RuckusOneTargetFactory().create("lobby", config("lobby", values), TargetTestSupport.resources(db));
    }

    private ProvisioningTarget target() {
        return target(settings("lobby"));
    }

    @Test
    void a_passphrase_is_made_waited_for_extended_and_deleted_with_the_stay() {
        ProvisioningTarget target = target();
        Credential stay = stay(CredentialKind.PSK, "Kite-7-Harbour", true);
        Result created = target.reconcile(new Account("guest-abcd", null), stay);

        // the write is applied only once its activity reports SUCCESS: the reference proves the hub waited for it
        assertThat(created.reference()).isEqualTo(ruckus.byUsername().get("guest-abcd").path("id").asText());
        HttpStub.Request post = ruckus.requests("POST", PASSPHRASES).stream().filter(r -> r.path().equals(PASSPHRASES)).findFirst().orElseThrow();
                assertThat(post.header("x-rks-tenantid")).isEqualTo("rec-tenant-91");
        assertThat(post.json().path("passphrase").asText()).isEqualTo("Kite-7-Harbour");
        assertThat(post.json().path("numberOfDevices").asInt()).isEqualTo(4);
        assertThat(Instant.parse(post.json().path("expirationDate").asText())).isEqualTo(stay.validUntil());
        assertThat(ruckus.requests("GET", "/activities/")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ruckus.contractViolations()).isEmpty();

        Credential extended = new Credential(CredentialKind.PSK, "Kite-7-Harbour", stay.validFrom(), stay.validUntil().plus(Duration.ofDays(2)), true);
        assertThat(target.reconcile(new Account("guest-abcd", created.reference()), extended).reference()).isEqualTo(created.reference());
        assertThat(Instant.parse(ruckus.byUsername().get("guest-abcd").path("expirationDate").asText())).isEqualTo(extended.validUntil());
        assertThat(ruckus.size()).isEqualTo(1);

        assertThat(target.reconcile(new Account("guest-abcd", created.reference()), null)).isEqualTo(Result.NONE);
        assertThat(ruckus.size()).isZero();
        assertThat(ruckus.requests("DELETE", PASSPHRASES).get(0).json().get(0).asText()).isEqualTo(created.reference());
    }

    @Test
    void a_repeat_after_a_lost_answer_finds_the_passphrase_by_name_instead_of_making_a_second() {
        ProvisioningTarget target = target();
        Credential stay = stay(CredentialKind.PSK, "Kite-7-Harbour", true);
        Result first = target.reconcile(new Account("guest-lost", null), stay);
        Result again = target.reconcile(new Account("guest-lost", null), stay);
        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(ruckus.size()).isEqualTo(1);
        assertThat(ruckus.requests("POST", PASSPHRASES).stream().filter(r -> r.path().equals(PASSPHRASES))).hasSize(1);

        // a stale reference is looked up again; a key not yet usable does not exist
        assertThat(target.reconcile(new Account("guest-lost", "no-such-id"), stay(CredentialKind.PSK, "Kite-7-Harbour", false)))
                .isEqualTo(Result.NONE);
        assertThat(ruckus.size()).isZero();
        assertThat(target.reconcile(new Account("guest-lost", null), null)).isEqualTo(Result.NONE);
    }

    @Test
    void a_failed_activity_is_a_refusal_with_the_controllers_reason_and_nothing_is_left() {
        ruckus.failNextActivity("Passphrase does not match the pool's format");
        assertThatThrownBy(() -> target().reconcile(new Account("guest-refused", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOf(TargetRefusedException.class).hasMessageContaining("does not match the pool's format");
        assertThat(ruckus.size()).isZero();
    }

    @Test
    void a_request_the_api_refuses_is_final_and_says_why() {
        assertThatThrownBy(() -> target().reconcile(new Account("guest-short", null), stay(CredentialKind.PSK, "short", true)))
                .isInstanceOf(TargetRefusedException.class).hasMessageContaining("400").hasMessageContaining("8 to 63 characters");
    }

    @Test
    void an_expired_token_is_renewed_once_and_throttling_asks_for_a_retry() {
        ProvisioningTarget target = target();
        target.reconcile(new Account("guest-one", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true));
        ruckus.expireTokens();
        assertThat(target.reconcile(new Account("guest-two", null), stay(CredentialKind.PSK, "Lantern-4-Quay", true)).reference()).isNotBlank();
        assertThat(ruckus.requests("POST", "/oauth2/token/")).hasSize(2);

        ruckus.failNext("POST", 429, "5", "{\"message\":\"Too Many Requests\"}", 0);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-three", null), stay(CredentialKind.PSK, "Meadow-2-Bridge", true)))
                .isInstanceOfSatisfying(TargetUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void the_wrong_tenant_or_secret_is_not_a_refusal_of_the_booking() {
        Map<String, String> wrong = settings("lobby");
        wrong.put("hub.targets.lobby.ruckus-client-secret", "not-the-secret");
        assertThatThrownBy(() -> target(wrong).reconcile(new Account("guest-x", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(TargetRefusedException.class).hasMessageContaining("401");
        Map<String, String> property = settings("lobby");
        property.remove("hub.targets.lobby.delegated-tenant-id");
        assertThatThrownBy(() -> target(property).reconcile(new Account("guest-x", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(TargetRefusedException.class).hasMessageContaining("403");
    }

    @Test
    void a_target_without_tenant_credentials_or_pool_is_refused_at_start_naming_each_key() {
        List<String> problems = new RuckusOneTargetFactory().problems("lobby",
                config("lobby", Map.of("hub.targets.lobby.devices-per-key", "600")), Set.of(CredentialKind.PSK));
        assertThat(problems).anyMatch(p -> p.startsWith("hub.targets.lobby.tenant-id is not set"))
                .anyMatch(p -> p.startsWith("hub.targets.lobby.ruckus-client-id is not set"))
                .anyMatch(p -> p.startsWith("hub.targets.lobby.ruckus-client-secret is not set"))
                .anyMatch(p -> p.startsWith("hub.targets.lobby.dpsk-pool-id is not set") && p.contains("/dpskServices/{poolId}/passphrases"))
                .anyMatch(p -> p.startsWith("hub.targets.lobby.devices-per-key is 600") && p.contains("1 to 512"))
                .hasSize(5);
    }
}
