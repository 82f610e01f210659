package org.wifionboarding.hub.connect.meraki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * Cisco Meraki Dashboard API v1 identity PSKs on one SSID: a key named after the booking
 * ({@code name} = the account's user name, so the hub finds its own key again), the hub's passphrase,
 * the venue's group policy, and {@code expiresAt} = {@code validUntil}, so the network ends access on
 * time even if the hub does not. A key exists only while the credential is usable: Meraki has no
 * "valid from", so the hub creates it when the stay begins (or at check-in) and deletes it on revoke.
 * Requests wait for the organisation's shared rate limit (see {@code SharedRateLimit}).
 */
public final class MerakiTarget implements ProvisioningTarget {

    /** The target's settings, read once. */
    public record Settings(String apiUrl, String apiKey, String networkId, String ssidNumber, String groupPolicyId) {
    }

    private final String name;
    private final Settings settings;
    private final VendorHttp http;

    public MerakiTarget(String name, Settings settings, VendorHttp http) {
        this.name = name;
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<CredentialKind> kinds() {
        return Set.of(CredentialKind.PSK);
    }

    @Override
    public Result reconcile(Account account, Credential desired) {
        if (desired == null || !desired.usable()) {
            String id = account.reference() != null ? account.reference() : find(account.username());
            if (id != null) {
                VendorHttp.Response deleted = http.send("DELETE", keys() + "/" + id, auth(), null);
                if (!deleted.ok() && deleted.status() != 404) {
                    throw http.refused("DELETE", keys() + "/" + id, deleted);
                }
                if (account.reference() != null && deleted.status() == 404) {
                    // the reference was stale: make sure no key of this name is left behind
                    return reconcile(new Account(account.username(), null), desired);
                }
            }
            return Result.NONE;
        }
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("name", account.username())
                .put("passphrase", desired.passphrase())
                .put("expiresAt", desired.validUntil().toString());
        if (!settings.groupPolicyId().isBlank()) {
            body.put("groupPolicyId", settings.groupPolicyId());
        }
        String id = account.reference();
        if (id != null) {
            VendorHttp.Response updated = http.send("PUT", keys() + "/" + id, auth(), body);
            if (updated.ok()) {
                return new Result(id, null);
            }
            if (updated.status() != 404) {
                throw http.refused("PUT", keys() + "/" + id, updated);
            }
        }
        VendorHttp.Response created = http.send("POST", keys(), auth(), body);
        if (created.ok()) {
            return new Result(created.json().path("id").asText(), null);
        }
        if (created.status() == 400 || created.status() == 409) {
            // most often "name has already been taken": an earlier attempt made it and crashed before the hub kept its id
            String existing = find(account.username());
            if (existing != null) {
                VendorHttp.Response updated = http.send("PUT", keys() + "/" + existing, auth(), body);
                if (updated.ok()) {
                    return new Result(existing, null);
                }
                throw http.refused("PUT", keys() + "/" + existing, updated);
            }
        }
        throw http.refused("POST", keys(), created);
    }

    /** The id of the key named {@code username}, or null. */
    private String find(String username) {
        VendorHttp.Response list = http.send("GET", keys(), auth(), null);
        if (!list.ok()) {
            throw http.refused("GET", keys(), list);
        }
        for (JsonNode key : list.json()) {
            if (username.equals(key.path("name").asText())) {
                return key.path("id").asText();
            }
        }
        return null;
    }

    private String keys() {
        return settings.apiUrl().replaceAll("/+$", "") + "/networks/" + settings.networkId() + "/wireless/ssids/"
                + settings.ssidNumber() + "/identityPsks";
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + settings.apiKey());
    }
}
