package org.wifionboarding.hub.connect.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.stub.MerakiStub;
import org.wifionboarding.hub.connect.stub.RuckusOneStub;
import org.wifionboarding.hub.connect.stub.UnifiStub;

/**
 * The stand-ins refuse what the vendors' documents say their APIs refuse, so a target test that passes proves the hub's
 * requests have the documented shape (and these tests fail if a stand-in turns lenient).
 */
class StandInShapesTest {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> send(String method, String url, String auth, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void meraki_refuses_an_identity_psk_without_group_policy_or_with_an_unknown_field() throws Exception {
        try (MerakiStub meraki = new MerakiStub("N_1", 2)) {
            String keys = meraki.apiUrl() + "/networks/N_1/wireless/ssids/2/identityPsks";
            String auth = "Bearer " + MerakiStub.API_KEY;
            assertThat(send("POST", keys, auth, "application/json", "{\"name\":\"guest-a\",\"passphrase\":\"Kite-7-Harbour\"}").statusCode())
                    .isEqualTo(400);
            assertThat(send("POST", keys, auth, "application/json",
                    "{\"name\":\"guest-a\",\"groupPolicyId\":\"101\",\"passphrase\":\"Kite-7-Harbour\",\"validFrom\":\"2026-12-01T14:00:00Z\"}")
                    .body()).contains("validFrom").contains("errors");
            assertThat(send("POST", keys, auth, "application/json",
                    "{\"name\":\"guest-a\",\"groupPolicyId\":\"101\",\"expiresAt\":\"next tuesday\"}").statusCode()).isEqualTo(400);
            assertThat(send("POST", keys, auth, "application/json",
                    "{\"name\":\"guest-a\",\"groupPolicyId\":\"101\",\"passphrase\":\"Kite-7-Harbour\",\"expiresAt\":\"2026-12-04T10:00:00Z\"}")
                    .statusCode()).isEqualTo(201);
        }
    }

    @Test
    void unifi_refuses_a_voucher_command_with_missing_numbers_or_unknown_fields() throws Exception {
        try (UnifiStub unifi = new UnifiStub(false, "default", "wlan-1")) {
            assertThat(send("POST", unifi.url() + "/api/login", null, "application/json",
                    "{\"username\":\"" + UnifiStub.USER + "\",\"password\":\"" + UnifiStub.PASSWORD + "\"}").statusCode()).isEqualTo(200);
            String hotspot = unifi.url() + "/api/s/default/cmd/hotspot";
            assertThat(send("POST", hotspot, null, "application/json", "{\"cmd\":\"create-voucher\",\"n\":1,\"quota\":1}").body())
                    .contains("api.err.InvalidPayload");
            assertThat(send("POST", hotspot, null, "application/json",
                    "{\"cmd\":\"create-voucher\",\"n\":1,\"quota\":1,\"expire\":60,\"validUntil\":0}").statusCode()).isEqualTo(400);
            assertThat(send("POST", hotspot, null, "application/json", "{\"cmd\":\"create-voucher\",\"n\":1,\"quota\":1,\"expire\":60,\"note\":\"g\"}")
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void ruckus_one_refuses_undocumented_fields_and_out_of_range_values() throws Exception {
        try (RuckusOneStub ruckus = new RuckusOneStub(null)) {
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(send("POST", ruckus.apiUrl() + "/oauth2/token/" + RuckusOneStub.TENANT,
                    null, "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=" + RuckusOneStub.CLIENT_ID
                            + "&client_secret=" + RuckusOneStub.CLIENT_SECRET).body()).path("access_token").asText();
            String passphrases = ruckus.apiUrl() + "/dpskServices/" + RuckusOneStub.POOL + "/passphrases";
            assertThat(send("POST", passphrases, "Bearer " + token, "application/json",
                    "{\"username\":\"g\",\"passphrase\":\"Kite-7-Harbour\",\"validFrom\":\"2026-12-01T14:00:00Z\"}").body()).contains("unknown field");
            assertThat(send("POST", passphrases, "Bearer " + token, "application/json",
                    "{\"username\":\"g\",\"passphrase\":\"Kite-7-Harbour\",\"numberOfDevices\":513}").statusCode()).isEqualTo(400);
            assertThat(send("POST", passphrases, "Bearer not-a-token", "application/json",
                    "{\"username\":\"g\",\"passphrase\":\"Kite-7-Harbour\"}").statusCode()).isEqualTo(401);
            assertThat(send("POST", passphrases, "Bearer " + token, "application/json",
                    "{\"username\":\"g\",\"passphrase\":\"Kite-7-Harbour\",\"expirationDate\":\"2026-12-04T10:00:00Z\"}").statusCode()).isEqualTo(202);
        }
    }

    @Test
    void clearpass_refuses_a_guest_without_password_or_role_and_a_device_without_mac() throws Exception {
        try (org.wifionboarding.hub.connect.stub.ClearPassStub clearpass = new org.wifionboarding.hub.connect.stub.ClearPassStub()) {
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(send("POST", clearpass.url() + "/api/oauth", null,
                    "application/json", "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + org.wifionboarding.hub.connect.stub.ClearPassStub.CLIENT_ID
                            + "\",\"client_secret\":\"" + org.wifionboarding.hub.connect.stub.ClearPassStub.CLIENT_SECRET + "\"}").body())
                    .path("access_token").asText();
            HttpResponse<String> guest = send("POST", clearpass.url() + "/api/guest", "Bearer " + token, "application/json",
                    "{\"username\":\"guest-a\",\"role_id\":\"2\"}");
            assertThat(guest.statusCode()).isEqualTo(422);
            assertThat(guest.body()).contains("password").contains("role_id");
            assertThat(send("POST", clearpass.url() + "/api/device", "Bearer " + token, "application/json", "{\"role_id\":2}").statusCode())
                    .isEqualTo(422);
            assertThat(send("POST", clearpass.url() + "/api/guest", "Bearer " + token, "application/json",
                    "{\"username\":\"guest-a\",\"password\":\"Kite-7-Harbour\",\"role_id\":2,\"expire_time\":1796000000,"
                            + "\"custom_room\":\"402\"}").statusCode()).as("custom fields are allowed").isEqualTo(201);
        }
    }
}
