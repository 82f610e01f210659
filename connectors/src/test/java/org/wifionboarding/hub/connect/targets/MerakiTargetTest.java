package org.wifionboarding.hub.connect.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.config;
import static org.wifionboarding.hub.connect.targets.TargetTestSupport.stay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTarget.Result;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.meraki.MerakiTargetFactory;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.MerakiStub;

class MerakiTargetTest {

    private static final String BASE = "/api/v1/networks/N_24329156/wireless/ssids/2/identityPsks";
    private final MerakiStub meraki = new MerakiStub("N_24329156", 2);
    private final JdbcConnectionPool db = TargetTestSupport.database("meraki" + System.nanoTime());

    MerakiTargetTest() throws Exception {
    }

    @AfterEach
    void close() {
        // every request the hub made is one Meraki's published contract allows (the stand-in refuses and records any other)
        assertThat(meraki.contractViolations()).isEmpty();
        meraki.close();
        db.dispose();
    }

    private ProvisioningTarget target(String name, String apiKey, int perSecond, String timeout) {
        return new MerakiTargetFactory().create(name, config(name, Map.of(
                "hub.targets." + name + ".api-url", meraki.apiUrl(),
                "hub.targets." + name + ".api-key", apiKey,
                "hub.targets." + name + ".organization-id", "549236",
                "hub.targets." + name + ".network-id", "N_24329156",
                "hub.targets." + name + ".ssid-number", "2",
                "hub.targets." + name + ".group-policy-id", "101",
                "hub.targets." + name + ".requests-per-second", Integer.toString(perSecond),
                "hub.targets." + name + ".timeout", timeout)), TargetTestSupport.resources(db));
    }

    private ProvisioningTarget target() {
        return target("meraki", MerakiStub.API_KEY, 50, "PT2S");
    }

    @Test
    void creates_a_named_key_with_passphrase_policy_and_expiry_then_updates_then_deletes_it() {
        ProvisioningTarget target = target();
        Credential stay = stay(CredentialKind.PSK, "Kite-7-Harbour", true);
        Result created = target.reconcile(new Account("guest-abcd", null), stay);

        HttpStub.Request post = meraki.requests("POST", BASE).get(0);
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + MerakiStub.API_KEY);
        assertThat(post.json().path("name").asText()).isEqualTo("guest-abcd");
        assertThat(post.json().path("passphrase").asText()).isEqualTo("Kite-7-Harbour");
        assertThat(post.json().path("groupPolicyId").asText()).isEqualTo("101");
        assertThat(Instant.parse(post.json().path("expiresAt").asText())).isEqualTo(stay.validUntil());
        assertThat(created.reference()).isEqualTo(meraki.keysByName().get("guest-abcd").path("id").asText());

        Credential extended = new Credential(CredentialKind.PSK, "Kite-7-Harbour", stay.validFrom(), stay.validUntil().plus(Duration.ofDays(2)), true);
        assertThat(target.reconcile(new Account("guest-abcd", created.reference()), extended).reference()).isEqualTo(created.reference());
        HttpStub.Request put = meraki.requests("PUT", BASE).get(0);
        assertThat(put.path()).isEqualTo(BASE + "/" + created.reference());
        assertThat(Instant.parse(put.json().path("expiresAt").asText())).isEqualTo(extended.validUntil());
        assertThat(meraki.size()).isEqualTo(1);

        assertThat(target.reconcile(new Account("guest-abcd", created.reference()), null)).isEqualTo(Result.NONE);
        assertThat(meraki.requests("DELETE", BASE)).extracting(HttpStub.Request::path).containsExactly(BASE + "/" + created.reference());
        assertThat(meraki.size()).isZero();
    }

    @Test
    void a_repeated_create_after_a_lost_answer_finds_the_existing_key_instead_of_making_a_second() {
        ProvisioningTarget target = target();
        Credential stay = stay(CredentialKind.PSK, "Kite-7-Harbour", true);
        Result first = target.reconcile(new Account("guest-lost", null), stay);
        // the hub crashed before keeping the id: the retry knows no reference
        Result again = target.reconcile(new Account("guest-lost", null), stay);

        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(meraki.size()).isEqualTo(1);
        assertThat(meraki.requests()).extracting(HttpStub.Request::method).containsExactly("POST", "POST", "GET", "PUT");
    }

    @Test
    void a_stale_reference_is_recreated_and_a_key_not_yet_usable_does_not_exist() {
        ProvisioningTarget target = target();
        Result recreated = target.reconcile(new Account("guest-stale", "999"), stay(CredentialKind.PSK, "Kite-7-Harbour", true));
        assertThat(meraki.requests()).extracting(HttpStub.Request::method).containsExactly("PUT", "POST");
        assertThat(recreated.reference()).isNotEqualTo("999");

        assertThat(target.reconcile(new Account("guest-stale", recreated.reference()), stay(CredentialKind.PSK, "Kite-7-Harbour", false)))
                .isEqualTo(Result.NONE);
        assertThat(meraki.size()).isZero();
        // deleting what is already gone is fine (404), and a lost reference is looked up by name
        assertThat(target.reconcile(new Account("guest-stale", recreated.reference()), null)).isEqualTo(Result.NONE);
        assertThat(target.reconcile(new Account("guest-stale", null), null)).isEqualTo(Result.NONE);
    }

    @Test
    void a_redirect_is_followed_with_the_same_method_and_body_as_the_dashboard_sdk_does() {
        meraki.redirectNext("POST", 307, meraki.url() + BASE);
        Result made = target().reconcile(new Account("guest-shard", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true));
        assertThat(made.reference()).isNotBlank();
        List<HttpStub.Request> posts = meraki.requests("POST", BASE);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body()).contains("\"groupPolicyId\":\"101\"");
        assertThat(posts.get(1).header("Authorization")).isEqualTo(posts.get(0).header("Authorization"));
        assertThat(meraki.size()).isEqualTo(1);
    }

    @Test
    void a_target_without_a_group_policy_or_network_is_refused_at_start_naming_each_key() {
        Map<String, String> partial = Map.of("hub.targets.lobby.api-key", MerakiStub.API_KEY);
        List<String> problems = new MerakiTargetFactory().problems("lobby", config("lobby", partial), java.util.Set.of(CredentialKind.PSK));
        assertThat(problems).anyMatch(p -> p.startsWith("hub.targets.lobby.group-policy-id is not set") && p.contains("groupPolicyId"))
                .anyMatch(p -> p.startsWith("hub.targets.lobby.network-id is not set")).hasSize(2);
    }

    @Test
    void a_refusal_is_final_and_says_why() {
        meraki.failNext("POST", 400, null, "{\"errors\":[\"Group policy id is invalid\"]}", 0);
        assertThatThrownBy(() -> target().reconcile(new Account("guest-refused", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOf(org.wifionboarding.hub.connect.TargetRefusedException.class).hasMessageContaining("400")
                .hasMessageContaining("Group policy id is invalid");
    }

    @Test
    void throttling_and_server_errors_ask_for_a_retry_with_the_vendors_wait_and_refusals_say_why() {
        ProvisioningTarget target = target();
        meraki.failNext("POST", 429, "7", "{\"errors\":[\"API rate limit exceeded for organization\"]}", 0);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-busy", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOfSatisfying(TargetUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        meraki.failNext("POST", 502, null, "<html>Bad Gateway</html>", 0);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-busy", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("502");
        meraki.failNext("POST", 200, null, "{}", 3_000);
        assertThatThrownBy(() -> target.reconcile(new Account("guest-slow", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("timed out");

        ProvisioningTarget wrongKey = target("meraki-wrong", "not-the-key", 50, "PT2S");
        assertThatThrownBy(() -> wrongKey.reconcile(new Account("guest-x", null), stay(CredentialKind.PSK, "Kite-7-Harbour", true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("401").hasMessageContaining("Invalid API key");
        assertThat(meraki.size()).isZero();
    }

    @Test
    void two_nodes_sharing_the_database_stay_under_ten_requests_in_any_second() throws Exception {
        ProvisioningTarget nodeA = target("meraki", MerakiStub.API_KEY, 9, "PT5S");
        ProvisioningTarget nodeB = target("meraki", MerakiStub.API_KEY, 9, "PT5S");   // same organisation, another instance
        ExecutorService consumers = Executors.newFixedThreadPool(8);
        List<Future<Result>> results = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            ProvisioningTarget node = i % 2 == 0 ? nodeA : nodeB;
            String name = "guest-burst-" + i;
            results.add(consumers.submit(() -> node.reconcile(new Account(name, null), stay(CredentialKind.PSK, "Passphrase-" + name, true))));
        }
        for (Future<Result> r : results) {
            assertThat(r.get().reference()).isNotBlank();
        }
        consumers.shutdown();

        List<Instant> times = meraki.requests().stream().map(HttpStub.Request::at).sorted().toList();
        assertThat(times).hasSize(36);
        int busiest = 0;
        for (int i = 0; i < times.size(); i++) {
            int j = i;
            while (j < times.size() && times.get(j).isBefore(times.get(i).plusSeconds(1))) {
                j++;
            }
            busiest = Math.max(busiest, j - i);
        }
        assertThat(busiest).as("requests in the busiest second").isLessThanOrEqualTo(10);
        assertThat(meraki.size()).isEqualTo(36);
    }
}
