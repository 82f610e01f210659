package org.wifionboarding.hub.connect.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.config;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.stay;

import java.time.Duration;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTarget.Result;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.clearpass.ClearPassTargetFactory;
import org.wifionboarding.hub.connect.stub.ClearPassStub;
import org.wifionboarding.hub.connect.stub.HttpStub;

class ClearPassTargetTest {

    private final ClearPassStub clearpass = new ClearPassStub();
    private final JdbcConnectionPool db = TargetTestSupport.database("clearpass" + System.nanoTime());

    ClearPassTargetTest() throws Exception {
    }

    @AfterEach
    void close() {
        clearpass.close();
        db.dispose();
    }

    private ProvisioningTarget target(String secret) {
        return new ClearPassTargetFactory().create("cppm", config("cppm", Map.of(
                "hub.targets.cppm.clearpass-url", clearpass.url(),
                "hub.targets.cppm.client-id", ClearPassStub.CLIENT_ID,
                "hub.targets.cppm.client-secret", secret,
                "hub.targets.cppm.role-id", "2",
                "hub.targets.cppm.timeout", "PT2S")), TargetTestSupport.resources(db));
    }

    @Test
    void creates_a_guest_account_with_start_and_expiry_enables_it_on_check_in_and_deletes_it() {
        ProvisioningTarget target = target(ClearPassStub.CLIENT_SECRET);
        Credential pending = stay(CredentialKind.RADIUS_ACCOUNT, "Amber-Fox-19", false);
        Result made = target.reconcile(new Account("guest-cp1", null), pending);

        assertThat(clearpass.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /api/oauth", "PATCH /api/guest/username/guest-cp1", "POST /api/guest");
        HttpStub.Request post = clearpass.requests("POST", "/api/guest").get(0);
        assertThat(post.json().path("username").asText()).isEqualTo("guest-cp1");
        assertThat(post.json().path("password").asText()).isEqualTo("Amber-Fox-19");
        assertThat(post.json().path("role_id").asInt()).isEqualTo(2);
        assertThat(post.json().path("start_time").asLong()).isEqualTo(pending.validFrom().getEpochSecond());
        assertThat(post.json().path("expire_time").asLong()).isEqualTo(pending.validUntil().getEpochSecond());
        assertThat(post.json().path("do_expire").asInt()).isEqualTo(4);
        assertThat(post.json().path("enabled").asBoolean()).isFalse();
        assertThat(post.header("Authorization")).startsWith("Bearer ");
        assertThat(made.reference()).isEqualTo(clearpass.guests().get("guest-cp1").path("id").asText());

        Credential active = new Credential(CredentialKind.RADIUS_ACCOUNT, "Amber-Fox-19", pending.validFrom(),
                pending.validUntil().plus(Duration.ofDays(1)), true);
        target.reconcile(new Account("guest-cp1", made.reference()), active);
        assertThat(clearpass.guests().get("guest-cp1").path("enabled").asBoolean()).isTrue();
        assertThat(clearpass.guests().get("guest-cp1").path("expire_time").asLong()).isEqualTo(active.validUntil().getEpochSecond());
        assertThat(clearpass.requests("POST", "/api/oauth")).as("the token is reused").hasSize(1);

        clearpass.clearRequests();
        target.reconcile(new Account("guest-cp1", made.reference()), null);
        assertThat(clearpass.guests()).isEmpty();
        // disabled with ClearPass' change of authorization first, so its NAS ends the guest's sessions at once
        assertThat(clearpass.requests()).extracting(r -> r.method() + " " + r.path() + (r.query() == null ? "" : "?" + r.query()))
                .containsExactly("PATCH /api/guest/username/guest-cp1?change_of_authorization=true", "DELETE /api/guest/username/guest-cp1");
        assertThat(clearpass.requests("PATCH", "/api/guest").get(0).json().path("enabled").asBoolean(true)).isFalse();
        target.reconcile(new Account("guest-cp1", made.reference()), null);   // already gone: 404 is fine
    }

    @Test
    void a_create_that_races_an_earlier_attempt_updates_instead_and_a_revoked_token_is_renewed() {
        ProvisioningTarget target = target(ClearPassStub.CLIENT_SECRET);
        Credential stay = stay(CredentialKind.RADIUS_ACCOUNT, "Amber-Fox-19", true);
        target.reconcile(new Account("guest-cp2", null), stay);
        // the PATCH misses (as if the account were not there yet), the POST then meets the account: 422, so PATCH again
        clearpass.failNext("PATCH", 404, null, "{\"status\":404,\"detail\":\"Guest not found\"}", 0);
        target.reconcile(new Account("guest-cp2", null), stay);
        assertThat(clearpass.guests()).hasSize(1);
        assertThat(clearpass.requests()).extracting(r -> r.method() + " " + r.path()).endsWith(
                "PATCH /api/guest/username/guest-cp2", "POST /api/guest", "PATCH /api/guest/username/guest-cp2");

        clearpass.revokeTokens();
        target.reconcile(new Account("guest-cp2", null), stay);
        assertThat(clearpass.requests("POST", "/api/oauth")).hasSize(2);
    }

    @Test
    void bad_client_credentials_are_refused_and_throttling_waits() {
        assertThatThrownBy(() -> target("wrong").reconcile(new Account("guest-x", null), stay(CredentialKind.RADIUS_ACCOUNT, "p-123456789", true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("400").hasMessageContaining("Invalid client credentials");
        ProvisioningTarget target = target(ClearPassStub.CLIENT_SECRET);
        clearpass.failNext("POST", 429, "12", null, 0);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-x", null), stay(CredentialKind.RADIUS_ACCOUNT, "p-123456789", true)))
                .isInstanceOfSatisfying(TargetUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
    }

    @Test
    void a_psk_becomes_one_mpsk_device_account_per_registered_mac_found_again_by_name_and_removed_with_the_mac_or_the_stay() {
        ProvisioningTarget target = target(ClearPassStub.CLIENT_SECRET);
        assertThat(target.usesDevices(CredentialKind.PSK)).isTrue();
        assertThat(target.usesDevices(CredentialKind.RADIUS_ACCOUNT)).isFalse();
        Credential base = stay(CredentialKind.PSK, "Quiet-Otter-42", true);
        Credential two = new Credential(CredentialKind.PSK, base.passphrase(), base.validFrom(), base.validUntil(), true,
                java.util.List.of("a4:83:e7:12:34:56", "3c:22:fb:aa:bb:cc"));

        Result made = target.reconcile(new Account("guest-mpsk", null), two);

        assertThat(clearpass.devices()).containsOnlyKeys("A4-83-E7-12-34-56", "3C-22-FB-AA-BB-CC");
        assertThat(clearpass.devices().values()).allSatisfy(d -> {
            assertThat(d.path("mpsk").asText()).isEqualTo("Quiet-Otter-42");
            assertThat(d.path("mpsk_enable").asText()).isEqualTo("1");
            assertThat(d.path("role_id").asInt()).isEqualTo(2);
            assertThat(d.path("expire_time").asLong()).isEqualTo(base.validUntil().getEpochSecond());
            assertThat(d.path("enabled").asBoolean()).isTrue();
            assertThat(d.path("visitor_name").asText()).isEqualTo("guest-mpsk");
        });
        assertThat(made.reference()).startsWith("devices:");
        assertThat(clearpass.guests()).as("no guest account for a PSK").isEmpty();

        // a repeat, the reference lost: found by name, updated, no second device
        clearpass.clearRequests();
        Credential extended = new Credential(CredentialKind.PSK, base.passphrase(), base.validFrom(), base.validUntil().plus(Duration.ofDays(1)), true,
                two.devices());
        target.reconcile(new Account("guest-mpsk", null), extended);
        assertThat(clearpass.requests("POST", "/api/device")).isEmpty();
        assertThat(clearpass.devices()).hasSize(2);
        assertThat(clearpass.devices().get("A4-83-E7-12-34-56").path("expire_time").asLong()).isEqualTo(extended.validUntil().getEpochSecond());

        // one MAC unregistered: its device goes, the other stays
        Result one = target.reconcile(new Account("guest-mpsk", made.reference()), new Credential(CredentialKind.PSK, base.passphrase(),
                base.validFrom(), base.validUntil(), true, java.util.List.of("3c:22:fb:aa:bb:cc")));
        assertThat(clearpass.devices()).containsOnlyKeys("3C-22-FB-AA-BB-CC");

        // another guest's device is never touched; checkout removes this guest's
        target.reconcile(new Account("guest-other", null), new Credential(CredentialKind.PSK, "Other-Pass-1", base.validFrom(), base.validUntil(), true,
                java.util.List.of("00:11:22:33:44:55")));
        assertThat(target.reconcile(new Account("guest-mpsk", one.reference()), null)).isEqualTo(Result.NONE);
        assertThat(clearpass.devices()).containsOnlyKeys("00-11-22-33-44-55");
        assertThat(clearpass.requests("DELETE", "/api/guest")).as("a PSK booking has no guest account to delete").isEmpty();

        // a refusal's message (it reaches the timeline and the logs) never carries the device address
        clearpass.failNext("PATCH", 400, null, "{\"detail\": \"device 00-11-22-33-44-55 is locked\"}", 0);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-other", null), new Credential(CredentialKind.PSK, "Other-Pass-1",
                base.validFrom(), base.validUntil(), false, java.util.List.of("00:11:22:33:44:55"))))
                .hasMessageContaining("{mac}").hasMessageNotContaining("00-11-22").hasMessageNotContaining("00:11:22");
    }
}
