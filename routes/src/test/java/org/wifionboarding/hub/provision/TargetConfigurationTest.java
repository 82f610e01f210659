package org.wifionboarding.hub.provision;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/** A target missing what its vendor's API requires stops the start, naming every missing key at once. */
class TargetConfigurationTest {

    @TempDir
    Path dataDir;

    @Test
    void a_meraki_target_without_a_group_policy_and_a_unifi_psk_venue_without_its_wlan_stop_the_start_naming_the_keys() {
        assertThatThrownBy(() -> RunningHub.start(dataDir, Map.ofEntries(
                Map.entry("hub.venues.lobby.credential", "psk"),
                Map.entry("hub.venues.lobby.target", "lobby-meraki"),
                Map.entry("hub.targets.lobby-meraki.type", "meraki"),
                Map.entry("hub.targets.lobby-meraki.api-key", "key"),
                Map.entry("hub.targets.lobby-meraki.network-id", "N_1"),
                Map.entry("hub.venues.annex.credential", "psk"),
                Map.entry("hub.venues.annex.target", "annex-unifi"),
                Map.entry("hub.targets.annex-unifi.type", "unifi"),
                Map.entry("hub.targets.annex-unifi.controller-url", "https://unifi.example"),
                Map.entry("hub.targets.annex-unifi.username", "hub"),
                Map.entry("hub.targets.annex-unifi.password", "secret"))))
                .hasStackTraceContaining("hub.targets.lobby-meraki.group-policy-id is not set")
                .hasStackTraceContaining("hub.targets.annex-unifi.wlan-id is not set")
                .hasStackTraceContaining("hub.targets.annex-unifi.networkconf-id is not set");
    }
}
