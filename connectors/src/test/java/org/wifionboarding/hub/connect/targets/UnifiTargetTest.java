package org.wifionboarding.hub.connect.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.config;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.stay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTarget.Result;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.UnifiStub;
import org.wifionboarding.hub.connect.unifi.UnifiTargetFactory;

class UnifiTargetTest {

    private final JdbcConnectionPool db = TargetTestSupport.database("unifi" + System.nanoTime());
    private UnifiStub unifi;

    @AfterEach
    void close() {
        if (unifi != null) {
            unifi.close();
        }
        db.dispose();
    }

    private ProvisioningTarget target(boolean unifiOs, String password) throws Exception {
        unifi = new UnifiStub(unifiOs, "default", "wlan-guest-1");
        Map<String, String> values = new HashMap<>(Map.of(
                "hub.targets.unifi.controller-url", unifi.url(),
                "hub.targets.unifi.unifi-os", Boolean.toString(unifiOs),
                "hub.targets.unifi.username", UnifiStub.USER,
                "hub.targets.unifi.password", password,
                "hub.targets.unifi.wlan-id", "wlan-guest-1",
                "hub.targets.unifi.networkconf-id", "guest-net",
                "hub.targets.unifi.timeout", "PT2S"));
        return new UnifiTargetFactory().create("unifi", config("unifi", values), TargetTestSupport.resources(db));
    }

    @ParameterizedTest(name = "UniFi OS: {0}")
    @ValueSource(booleans = {false, true})
    void creates_a_voucher_reads_its_code_back_and_deletes_it_on_revoke(boolean unifiOs) throws Exception {
        ProvisioningTarget target = target(unifiOs, UnifiStub.PASSWORD);
        Credential conference = stay(CredentialKind.VOUCHER, null, true);
        Result made = target.reconcile(new Account("guest-conf1", null), conference);

        String api = (unifiOs ? "/proxy/network" : "") + "/api/s/default";
        List<HttpStub.Request> sent = unifi.requests();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST " + (unifiOs ? "/api/auth/login" : "/api/login"),
                "GET " + api + "/stat/voucher", "POST " + api + "/cmd/hotspot", "GET " + api + "/stat/voucher");
        HttpStub.Request create = sent.get(2);
        assertThat(create.json().path("cmd").asText()).isEqualTo("create-voucher");
        assertThat(create.json().path("n").asInt()).isEqualTo(1);
        assertThat(create.json().path("expire").asLong()).isEqualTo(Duration.ofDays(3).toMinutes());
        assertThat(create.json().path("note").asText()).isEqualTo("guest-conf1");
        if (unifiOs) {
            assertThat(create.header("X-CSRF-Token")).as("the csrfToken of the TOKEN cookie's JWT").isNotBlank();
        }
        String code = unifi.vouchersByNote().get("guest-conf1").path("code").asText();
        assertThat(made.issuedSecret()).isEqualTo(code.substring(0, 5) + "-" + code.substring(5));
        assertThat(made.reference()).isEqualTo(unifi.vouchersByNote().get("guest-conf1").path("_id").asText());

        // a repeat finds the voucher and makes no second one
        assertThat(target.reconcile(new Account("guest-conf1", made.reference()), conference)).isEqualTo(made);
        assertThat(target.reconcile(new Account("guest-conf1", null), conference)).isEqualTo(made);
        assertThat(unifi.vouchersByNote()).hasSize(1);

        assertThat(target.reconcile(new Account("guest-conf1", made.reference()), null)).isEqualTo(Result.NONE);
        assertThat(unifi.vouchersByNote()).isEmpty();
        HttpStub.Request delete = unifi.requests("POST", api + "/cmd/hotspot").get(1);
        assertThat(delete.json().path("cmd").asText()).isEqualTo("delete-voucher");
        assertThat(delete.json().path("_id").asText()).isEqualTo(made.reference());
    }

    @Test
    void unifi_os_follows_each_rotated_csrf_token_and_logs_in_again_once_when_it_is_refused() throws Exception {
        ProvisioningTarget target = target(true, UnifiStub.PASSWORD);
        for (int i = 1; i <= 3; i++) {   // each write rotates the token (X-Updated-CSRF-Token); the next write must use the new one
            target.reconcile(new Account("guest-r" + i, null), stay(CredentialKind.VOUCHER, null, true));
        }
        assertThat(unifi.vouchersByNote()).containsOnlyKeys("guest-r1", "guest-r2", "guest-r3");
        assertThat(unifi.logins()).isEqualTo(1);

        unifi.rotateCsrf();   // changed without telling us: 403, then one fresh login
        target.reconcile(new Account("guest-r4", null), stay(CredentialKind.VOUCHER, null, true));
        assertThat(unifi.vouchersByNote()).containsKey("guest-r4");
        assertThat(unifi.logins()).isEqualTo(2);
    }

    @Test
    void logs_in_again_when_the_session_has_expired_and_refuses_with_the_controllers_reason() throws Exception {
        ProvisioningTarget target = target(false, UnifiStub.PASSWORD);
        target.reconcile(new Account("guest-s1", null), stay(CredentialKind.VOUCHER, null, true));
        unifi.expireSessions();
        target.reconcile(new Account("guest-s2", null), stay(CredentialKind.VOUCHER, null, true));
        assertThat(unifi.requests("POST", "/api/login")).hasSize(2);
        assertThat(unifi.vouchersByNote()).containsOnlyKeys("guest-s1", "guest-s2");

        ProvisioningTarget wrong = target(false, "wrong-password");
        assertThatThrownBy(() -> wrong.reconcile(new Account("guest-x", null), stay(CredentialKind.VOUCHER, null, true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("400").hasMessageContaining("api.err.Invalid");
        unifi.failNext("GET", 503, "30", null, 0);
        ProvisioningTarget busy = new UnifiTargetFactory().create("unifi", config("unifi", Map.of(
                "hub.targets.unifi.controller-url", unifi.url(), "hub.targets.unifi.username", UnifiStub.USER,
                "hub.targets.unifi.password", UnifiStub.PASSWORD)), TargetTestSupport.resources(db));
        assertThatThrownBy(() -> busy.reconcile(new Account("guest-y", null), stay(CredentialKind.VOUCHER, null, true)))
                .isInstanceOfSatisfying(TargetUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void a_psk_is_added_to_the_wlans_list_kept_whole_and_removed_by_the_hub_itself() throws Exception {
        ProvisioningTarget target = target(true, UnifiStub.PASSWORD);
        Result added = target.reconcile(new Account("guest-p1", null), stay(CredentialKind.PSK, "Quiet-Lake-42", true));
        assertThat(unifi.pskPasswords()).containsExactly("venue-staff-key", "Quiet-Lake-42");
        HttpStub.Request put = unifi.requests("PUT", "/proxy/network/api/s/default/rest/wlanconf/wlan-guest-1").get(0);
        assertThat(put.json().path("private_preshared_keys").get(1).path("networkconf_id").asText()).isEqualTo("guest-net");

        target.reconcile(new Account("guest-p1", added.reference()), stay(CredentialKind.PSK, "Quiet-Lake-42", true));
        assertThat(unifi.requests("PUT", "/proxy/network")).as("nothing to write when it is already there").hasSize(1);

        // not usable (before check-in, say): the entry goes; the reference stays so it can come back
        Result parked = target.reconcile(new Account("guest-p1", added.reference()), stay(CredentialKind.PSK, "Quiet-Lake-42", false));
        assertThat(unifi.pskPasswords()).containsExactly("venue-staff-key");
        assertThat(parked.reference()).isEqualTo(added.reference()).doesNotContain("Quiet-Lake-42");

        target.reconcile(new Account("guest-p1", parked.reference()), stay(CredentialKind.PSK, "Quiet-Lake-42", true));
        target.reconcile(new Account("guest-p1", parked.reference()), null);
        assertThat(unifi.pskPasswords()).containsExactly("venue-staff-key");
    }

    @Test
    void revoking_tells_the_registered_devices_to_leave_unauthorising_voucher_guests_and_kicking_psk_clients() throws Exception {
        ProvisioningTarget target = target(true, UnifiStub.PASSWORD);
        List<String> devices = List.of("a4:83:e7:12:34:56", "3c:22:fb:aa:bb:cc");
        unifi.connect("a4:83:e7:12:34:56");   // the other device is not on the network now
        Result voucher = target.reconcile(new Account("guest-v9", null, devices), stay(CredentialKind.VOUCHER, null, true));
        assertThat(unifi.stationCommands()).as("nothing while the voucher lives").isEmpty();
        target.reconcile(new Account("guest-v9", voucher.reference(), devices), null);
        assertThat(unifi.vouchersByNote()).doesNotContainKey("guest-v9");
        assertThat(unifi.stationCommands()).containsExactly("unauthorize-guest a4:83:e7:12:34:56");

        unifi.connect("3c:22:fb:aa:bb:cc");
        Result psk = target.reconcile(new Account("guest-p9", null, List.of("3c:22:fb:aa:bb:cc")), stay(CredentialKind.PSK, "Quiet-Lake-99", true));
        target.reconcile(new Account("guest-p9", psk.reference(), List.of("3c:22:fb:aa:bb:cc")), null);
        assertThat(unifi.pskPasswords()).doesNotContain("Quiet-Lake-99");
        assertThat(unifi.stationCommands()).containsExactly("unauthorize-guest a4:83:e7:12:34:56", "kick-sta 3c:22:fb:aa:bb:cc");
        // the key left first, then the device: the kick came after the write that removed the key
        List<HttpStub.Request> writes = unifi.requests().stream().filter(r -> !r.method().equals("GET")).toList();
        assertThat(writes.get(writes.size() - 1).path()).endsWith("/cmd/stamgr");
        assertThat(writes.get(writes.size() - 2).path()).endsWith("/rest/wlanconf/wlan-guest-1");

        // a station command refused for another reason than "not connected" is not swallowed
        unifi.connect("a4:83:e7:00:00:09");
        Result other = target.reconcile(new Account("guest-p10", null), stay(CredentialKind.PSK, "Quiet-Lake-10", true));
        unifi.failNext("POST", 400, null, "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.NoPermission\"},\"data\":[]}", 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> target.reconcile(
                new Account("guest-p10", other.reference(), List.of("a4:83:e7:00:00:09")), null)).hasMessageContaining("api.err.NoPermission");
    }

    @Test
    void concurrent_psk_changes_do_not_lose_each_other() throws Exception {
        ProvisioningTarget target = target(false, UnifiStub.PASSWORD);
        ExecutorService consumers = Executors.newFixedThreadPool(6);
        List<Future<Result>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String passphrase = "Concurrent-Key-" + i;
            String user = "guest-c" + i;
            results.add(consumers.submit(() -> target.reconcile(new Account(user, null), stay(CredentialKind.PSK, passphrase, true))));
        }
        for (Future<Result> r : results) {
            r.get();
        }
        consumers.shutdown();
        assertThat(unifi.pskPasswords()).hasSize(25).contains("venue-staff-key", "Concurrent-Key-0", "Concurrent-Key-23");
    }
}
