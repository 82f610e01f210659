package org.wifionboarding.hub.connect.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.config;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.stay;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.clearpass.ClearPassTargetFactory;
import org.wifionboarding.hub.connect.meraki.MerakiTargetFactory;
import org.wifionboarding.hub.connect.stub.ClearPassStub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.MerakiStub;
import org.wifionboarding.hub.connect.stub.UnifiStub;
import org.wifionboarding.hub.connect.unifi.UnifiTargetFactory;
import org.wifionboarding.hub.connect.webhook.SignedWebhookTargetFactory;

/** What every HTTP target does when its controller fails: 5xx and slow answers ask for a retry, a 404 is a refusal that says so. */
class TargetFailuresTest {

    private final JdbcConnectionPool db = TargetTestSupport.database("failures" + System.nanoTime());
    private HttpStub stub;

    @AfterEach
    void close() {
        if (stub != null) {
            stub.close();
        }
        db.dispose();
    }

    /** One target: its stub, and the target built against it with a path part (network, WLAN, URL) that may be wrong. */
    record Case(String name, CredentialKind kind, StubFactory stub, BiFunction<HttpStub, Boolean, Map<String, String>> settings,
                String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface StubFactory {
        HttpStub make() throws Exception;
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                new Case("meraki", CredentialKind.PSK, () -> new MerakiStub("N_1", 0), (s, wrong) -> Map.of(
                        "hub.targets.t.api-url", ((MerakiStub) s).apiUrl(), "hub.targets.t.api-key", MerakiStub.API_KEY,
                        "hub.targets.t.network-id", wrong ? "N_UNKNOWN" : "N_1", "hub.targets.t.ssid-number", "0",
                        "hub.targets.t.requests-per-second", "100", "hub.targets.t.group-policy-id", "101", "hub.targets.t.timeout", "PT1S"), "meraki"),
                new Case("unifi", CredentialKind.PSK, () -> new UnifiStub(false, "default", "wlan-1"), (s, wrong) -> Map.of(
                        "hub.targets.t.controller-url", s.url(), "hub.targets.t.username", UnifiStub.USER,
                        "hub.targets.t.password", UnifiStub.PASSWORD, "hub.targets.t.wlan-id", wrong ? "wlan-unknown" : "wlan-1",
                        "hub.targets.t.timeout", "PT1S"), "unifi"),
                new Case("clearpass", CredentialKind.RADIUS_ACCOUNT, ClearPassStub::new, (s, wrong) -> Map.of(
                        "hub.targets.t.clearpass-url", s.url() + (wrong ? "/unknown" : ""), "hub.targets.t.client-id", ClearPassStub.CLIENT_ID,
                        "hub.targets.t.client-secret", ClearPassStub.CLIENT_SECRET, "hub.targets.t.timeout", "PT1S"), "clearpass"),
                new Case("http", CredentialKind.PSK, () -> new HttpStub().on("POST", "/wifi", (r, m) -> HttpStub.Reply.json(200, Map.of())),
                        (s, wrong) -> Map.of("hub.targets.t.url", s.url() + (wrong ? "/unknown" : "/wifi"),
                                "hub.targets.t.secret", "failures-secret-failures-secret-0123", "hub.targets.t.timeout", "PT1S"), "http")
        ).map(Arguments::of);
    }

    private ProvisioningTarget target(Case c, boolean wrong) {
        var factory = switch (c.type()) {
            case "meraki" -> new MerakiTargetFactory();
            case "unifi" -> new UnifiTargetFactory();
            case "clearpass" -> new ClearPassTargetFactory();
            default -> new SignedWebhookTargetFactory();
        };
        return factory.create("t", config("t", c.settings().apply(stub, wrong)), TargetTestSupport.resources(db));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void server_errors_and_slow_answers_ask_for_a_retry_and_an_unknown_resource_is_refused(Case c) throws Exception {
        stub = c.stub().make();
        ProvisioningTarget target = target(c, false);
        stub.failNext(null, 500, null, "{\"error\":\"internal\"}", 0);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-f1", null), stay(c.kind(), "Failure-Pass-1", true)))
                .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("500");
        stub.failNext(null, 200, null, "{}", 2_500);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-f2", null), stay(c.kind(), "Failure-Pass-2", true)))
                .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("timed out");

        assertThat(target.reconcile(new Account("guest-f3", null), stay(c.kind(), "Failure-Pass-3", true))).isNotNull();

        ProvisioningTarget misconfigured = target(c, true);
        assertThatThrownBy(() -> misconfigured.reconcile(new Account("guest-f4", null), stay(c.kind(), "Failure-Pass-4", true)))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(TargetUnavailableException.class).hasMessageContaining("404");
    }
}
