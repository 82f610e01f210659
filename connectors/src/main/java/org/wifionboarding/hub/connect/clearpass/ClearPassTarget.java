package org.wifionboarding.hub.connect.clearpass;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.http.CachedToken;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * Aruba ClearPass Guest: one guest account per booking ({@code username} = the booking-derived name,
 * the hub's passphrase, the venue's role, {@code start_time} and {@code expire_time} in epoch seconds,
 * {@code do_expire} 4 = log out and delete at expiry, {@code enabled} = usable). Reconciled by user
 * name ({@code /api/guest/username/{username}}), so a repeat finds the account an earlier attempt made.
 * OAuth2 client credentials, the token cached until shortly before it expires. For {@code psk} credentials,
 * MPSK device accounts, one per MAC address registered for the booking (see {@code devices}).
 */
public final class ClearPassTarget implements ProvisioningTarget {

    /** The target's settings, read once. */
    public record Settings(String apiUrl, String clientId, String clientSecret, String roleId) {
    }

    private static final String DEVICES = "devices:";

    private final String name;
    private final Settings settings;
    private final VendorHttp http;
    private final CachedToken token;

    public ClearPassTarget(String name, Settings settings, VendorHttp http, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.http = http;
        this.token = new CachedToken(() -> http.send("POST", api("/api/oauth"), Map.of(), Json.MAPPER.createObjectNode()
                .put("grant_type", "client_credentials").put("client_id", settings.clientId()).put("client_secret", settings.clientSecret())),
                api("/api/oauth"), http, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<CredentialKind> kinds() {
        return Set.of(CredentialKind.RADIUS_ACCOUNT, CredentialKind.PSK);
    }

    @Override
    public boolean usesDevices(CredentialKind kind) {
        return kind == CredentialKind.PSK;
    }

    @Override
    public Result reconcile(Account account, Credential desired) {
        if (desired != null) {
            return desired.kind() == CredentialKind.PSK ? devices(account, desired) : guest(account, desired);
        }
        // revoking: the reference says which kind was made; without one, remove whatever may exist
        String reference = account.reference();
        if (reference == null || reference.startsWith(DEVICES)) {
            devices(account, null);
        }
        if (reference == null || !reference.startsWith(DEVICES)) {
            guest(account, null);
        }
        return Result.NONE;
    }

    /**
     * MPSK: one device account per registered MAC ({@code POST /api/device} with {@code mpsk} = the hub's
     * passphrase, {@code mpsk_enable}, the venue's role, {@code expire_time}, {@code enabled} = usable), found again
     * by {@code visitor_name} = the booking-derived name, so a repeat updates and a MAC no longer registered is deleted.
     */
    private Result devices(Account account, Credential desired) {
        Map<String, String> present = new LinkedHashMap<>();   // MAC as ClearPass writes it → device id
        String list = api("/api/device?limit=100&filter=" + URLEncoder.encode(Json.MAPPER.createObjectNode()
                .put("visitor_name", account.username()).toString(), StandardCharsets.UTF_8));
        VendorHttp.Response listed = call("GET", list, null);
        if (!listed.ok()) {
            throw http.refused("GET", list, listed);
        }
        listed.json().path("_embedded").path("items").forEach(d -> present.put(clearPassMac(d.path("mac").asText()), d.path("id").asText()));
        List<String> wanted = desired == null ? List.of() : desired.devices().stream().map(ClearPassTarget::clearPassMac).distinct().toList();
        for (String mac : present.keySet()) {
            if (!wanted.contains(mac)) {
                String byMac = api("/api/device/mac/" + mac);
                VendorHttp.Response disabled = call("PATCH", byMac + "?change_of_authorization=true", Json.MAPPER.createObjectNode().put("enabled", false));
                if (!disabled.ok() && disabled.status() != 404) {
                    throw http.refused("PATCH", byMac, disabled);
                }
                VendorHttp.Response deleted = call("DELETE", byMac, null);
                if (!deleted.ok() && deleted.status() != 404) {
                    throw http.refused("DELETE", byMac, deleted);
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (String mac : wanted) {
            ObjectNode device = Json.MAPPER.createObjectNode()
                    .put("mpsk", desired.passphrase())
                    .put("mpsk_enable", "1")
                    .put("role_id", Integer.parseInt(settings.roleId()))
                    .put("expire_time", desired.validUntil().getEpochSecond())
                    .put("do_expire", 4)
                    .put("enabled", desired.usable())
                    .put("visitor_name", account.username());
            String byMac = api("/api/device/mac/" + mac);
            String method = present.containsKey(mac) ? "PATCH" : "POST";
            VendorHttp.Response saved = method.equals("PATCH") ? call("PATCH", byMac, device) : call("POST", api("/api/device"), device.put("mac", mac));
            if (!saved.ok() && (saved.status() == 409 || saved.status() == 422)) {
                device.remove("mac");   // registered meanwhile (a concurrent or interrupted attempt): update it
                method = "PATCH";
                saved = call("PATCH", byMac, device);
            }
            if (!saved.ok()) {
                throw http.refused(method, byMac, saved);
            }
            ids.add(saved.json().path("id").asText());
        }
        return ids.isEmpty() ? Result.NONE : new Result(DEVICES + String.join(",", ids), null);
    }

    /** {@code AA-BB-CC-DD-EE-FF}, ClearPass' own way of writing a MAC address. */
    static String clearPassMac(String mac) {
        return mac.replace(':', '-').replace('.', '-').toUpperCase(java.util.Locale.ROOT);
    }

    private Result guest(Account account, Credential desired) {
        String byName = api("/api/guest/username/" + URLEncoder.encode(account.username(), StandardCharsets.UTF_8));
        if (desired == null) {
            // disable first, with ClearPass' change of authorization: its NAS ends the guest's sessions now, not at re-authentication
            VendorHttp.Response disabled = call("PATCH", byName + "?change_of_authorization=true", Json.MAPPER.createObjectNode().put("enabled", false));
            if (!disabled.ok() && disabled.status() != 404) {
                throw http.refused("PATCH", byName, disabled);
            }
            VendorHttp.Response deleted = call("DELETE", byName, null);
            if (!deleted.ok() && deleted.status() != 404) {
                throw http.refused("DELETE", byName, deleted);
            }
            return Result.NONE;
        }
        ObjectNode guest = Json.MAPPER.createObjectNode()
                .put("password", desired.passphrase())
                .put("role_id", Integer.parseInt(settings.roleId()))
                .put("start_time", desired.validFrom().getEpochSecond())
                .put("expire_time", desired.validUntil().getEpochSecond())
                .put("do_expire", 4)
                .put("enabled", desired.usable());
        VendorHttp.Response updated = call("PATCH", byName, guest);
        if (updated.ok()) {
            return new Result(updated.json().path("id").asText(null), null);
        }
        if (updated.status() != 404) {
            throw http.refused("PATCH", byName, updated);
        }
        guest.put("username", account.username()).put("visitor_name", account.username());
        VendorHttp.Response created = call("POST", api("/api/guest"), guest);
        if (created.ok()) {
            return new Result(created.json().path("id").asText(null), null);
        }
        if (created.status() == 409 || created.status() == 422) {
            // made by a concurrent or interrupted attempt meanwhile: update it
            guest.remove("username");
            guest.remove("visitor_name");
            VendorHttp.Response again = call("PATCH", byName, guest);
            if (again.ok()) {
                return new Result(again.json().path("id").asText(null), null);
            }
        }
        throw http.refused("POST", api("/api/guest"), created);
    }

    private VendorHttp.Response call(String method, String url, Object body) {
        VendorHttp.Response response = http.send(method, url, Map.of("Authorization", "Bearer " + token.get(false)), body);
        if (response.status() == 401) {
            // revoked or expired early: one new token, one more try
            response = http.send(method, url, Map.of("Authorization", "Bearer " + token.get(true)), body);
        }
        return response;
    }

    private String api(String path) {
        return settings.apiUrl().replaceAll("/+$", "") + path;
    }
}
