package org.wifionboarding.hub.connect.unifi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.http.SharedLock;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * Ubiquiti UniFi Network, classic controller API (and UniFi OS consoles, whose login is
 * {@code /api/auth/login}, whose network API lives under {@code /proxy/network} and who want the
 * session's CSRF token on every call).
 * <ul>
 * <li>Vouchers: {@code cmd/hotspot create-voucher} with the booking's name as {@code note} and the
 * window's length as {@code expire} (minutes after first use); the answer holds only
 * {@code create_time}, so the code is read back from {@code stat/voucher}, found by its note (which
 * also finds a voucher an interrupted attempt made). Revoke: {@code delete-voucher}. A voucher's
 * length is fixed once made.</li>
 * <li>PPSK: entries of the WLAN's {@code private_preshared_keys}, written back whole under a lock
 * shared by every hub node. Entries have no name and no expiry: the hub finds its entry by the
 * passphrase's SHA-256 (its reference) and removes it itself when the credential ends.</li>
 * </ul>
 */
public final class UnifiTarget implements ProvisioningTarget {

    /** The target's settings, read once. */
    public record Settings(String apiUrl, boolean unifiOs, String site, String username, String password, String wlanId,
                           String networkconfId, int voucherQuota) {
    }

    private final String name;
    private final Settings settings;
    private final VendorHttp http;
    private final SharedLock locks;
    private final String wlanLock;
    private volatile String csrfToken;
    private volatile boolean loggedIn;

    public UnifiTarget(String name, Settings settings, VendorHttp http, SharedLock locks) {
        this.name = name;
        this.settings = settings;
        this.http = http;
        this.locks = locks;
        this.wlanLock = "unifi:" + name + ":" + settings.wlanId();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<CredentialKind> kinds() {
        return settings.wlanId().isBlank() ? Set.of(CredentialKind.VOUCHER) : Set.of(CredentialKind.VOUCHER, CredentialKind.PSK);
    }

    /**
     * Devices registered for a booking (the admin API) are told to leave when its credential is revoked: UniFi's
     * {@code cmd/stamgr} needs a client's MAC, which a voucher or a key does not give the hub.
     */
    @Override
    public boolean usesDevices(CredentialKind kind) {
        return true;
    }

    @Override
    public Result reconcile(Account account, Credential desired) {
        CredentialKind kind = desired != null ? desired.kind()
                : account.reference() != null && account.reference().startsWith(PSK_REF) ? CredentialKind.PSK : CredentialKind.VOUCHER;
        return kind == CredentialKind.PSK ? reconcilePsk(account, desired) : reconcileVoucher(account, desired);
    }

    // --- vouchers

    private Result reconcileVoucher(Account account, Credential desired) {
        JsonNode voucher = findVoucher(account);
        if (desired == null) {
            if (voucher != null) {
                ObjectNode delete = Json.MAPPER.createObjectNode().put("cmd", "delete-voucher").put("_id", voucher.path("_id").asText());
                call("POST", site("/cmd/hotspot"), delete);
            }
            endSessions(account, "unauthorize-guest");   // a hotspot guest authorised by the voucher loses its authorisation now
            return Result.NONE;
        }
        if (voucher == null) {
            long minutes = Math.max(1, Duration.between(desired.validFrom(), desired.validUntil()).toMinutes());
            ObjectNode create = Json.MAPPER.createObjectNode().put("cmd", "create-voucher").put("expire", minutes).put("n", 1)
                    .put("quota", settings.voucherQuota()).put("note", account.username());
            call("POST", site("/cmd/hotspot"), create);
            voucher = findVoucher(new Account(account.username(), null));
            if (voucher == null) {
                throw new IllegalStateException("UniFi made a voucher but stat/voucher does not list it");
            }
        }
        return new Result(voucher.path("_id").asText(), formatCode(voucher.path("code").asText()));
    }

    private JsonNode findVoucher(Account account) {
        for (JsonNode voucher : call("GET", site("/stat/voucher"), null).path("data")) {
            if (account.reference() != null ? account.reference().equals(voucher.path("_id").asText())
                    : account.username().equals(voucher.path("note").asText())) {
                return voucher;
            }
        }
        return account.reference() != null ? findVoucher(new Account(account.username(), null)) : null;
    }

    /** UniFi shows codes as two groups of five digits. */
    static String formatCode(String code) {
        return code.length() == 10 ? code.substring(0, 5) + "-" + code.substring(5) : code;
    }

    // --- PPSK

    static final String PSK_REF = "sha256:";

    private Result reconcilePsk(Account account, Credential desired) {
        String wanted = desired != null && desired.usable() ? reference(desired.passphrase()) : null;
        String ours = account.reference() != null ? account.reference() : desired != null ? reference(desired.passphrase()) : null;
        Result result = locks.holding(wlanLock, () -> {
            String path = site("/rest/wlanconf/" + settings.wlanId());
            JsonNode wlan = call("GET", path, null).path("data").path(0);
            ArrayNode keys = Json.MAPPER.createArrayNode();
            boolean present = false;
            boolean changed = false;
            for (JsonNode key : wlan.path("private_preshared_keys")) {
                String ref = reference(key.path("password").asText());
                if (ref.equals(wanted)) {
                    present = true;
                    keys.add(key);
                } else if (ref.equals(ours)) {
                    changed = true;   // ours, no longer wanted
                } else {
                    keys.add(key);
                }
            }
            if (wanted != null && !present) {
                keys.addObject().put("password", desired.passphrase()).put("networkconf_id", settings.networkconfId());
                changed = true;
            }
            if (changed) {
                ObjectNode update = Json.MAPPER.createObjectNode();
                update.set("private_preshared_keys", keys);
                call("PUT", path, update);
            }
            // keep the reference while the credential lives, usable or not, so a later call can find the entry
            return desired == null ? Result.NONE : new Result(wanted != null ? wanted : reference(desired.passphrase()), null);
        });
        if (wanted == null) {
            endSessions(account, "kick-sta");   // the key is gone: a device kicked off cannot associate again
        }
        return result;
    }

    /**
     * {@code POST cmd/stamgr {"cmd": <command>, "mac": <mac>}} for each registered device (as {@code Art-of-WiFi/UniFi-API-client}'s
     * {@code unauthorize_guest} and {@code reconnect_sta} send them). A device the controller does not know (not connected) is
     * answered with an error the hub ignores; anything else is retried with the whole reconciliation, which repeats harmlessly.
     */
    private void endSessions(Account account, String command) {
        for (String mac : account.devices()) {
            try {
                call("POST", site("/cmd/stamgr"), Json.MAPPER.createObjectNode().put("cmd", command).put("mac", mac.toLowerCase(java.util.Locale.ROOT)));
            } catch (org.wifionboarding.hub.connect.TargetRefusedException e) {
                if (!e.getMessage().contains("api.err.UnknownStation")) {
                    throw e;   // a command the controller refuses for another reason is ours to fix, not to hide
                }
                // nothing is connected with that device
            }
        }
    }

    static String reference(String passphrase) {
        try {
            return PSK_REF + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- session

    private JsonNode call(String method, String url, Object body) {
        if (!loggedIn) {
            login();
        }
        VendorHttp.Response response = http.send(method, url, headers(), body);
        if (response.status() == 401 || response.status() == 403) {
            login();   // the session expired, or its CSRF token was rotated under us: once, with a fresh session
            response = http.send(method, url, headers(), body);
        }
        response.headers().firstValue("X-Updated-CSRF-Token").ifPresent(this::csrf);   // UniFi OS rotates it on writes
        if (!response.ok() || !"ok".equals(response.json().path("meta").path("rc").asText("ok"))) {
            throw http.refused(method, url, response);
        }
        return response.json();
    }

    private synchronized void login() {
        String url = root() + (settings.unifiOs() ? "/api/auth/login" : "/api/login");
        ObjectNode body = Json.MAPPER.createObjectNode().put("username", settings.username()).put("password", settings.password())
                .put("remember", false);
        VendorHttp.Response response = http.send("POST", url, Map.of(), body);
        if (!response.ok()) {
            throw http.refused("POST", url, response);
        }
        // UniFi OS: the token is in the login's X-CSRF-Token header on some versions, always in the TOKEN cookie's JWT
        csrf(response.headers().firstValue("X-CSRF-Token").orElseGet(() -> csrfFromJwt(response.headers().allValues("Set-Cookie"))));
        loggedIn = true;
    }

    private synchronized void csrf(String token) {
        csrfToken = token;
    }

    /** The {@code csrfToken} claim of the {@code TOKEN} cookie's JWT payload, or null. */
    static String csrfFromJwt(java.util.List<String> setCookies) {
        for (String cookie : setCookies) {
            if (cookie.startsWith("TOKEN=")) {
                String jwt = cookie.substring("TOKEN=".length()).split(";", 2)[0];
                String[] parts = jwt.split("\\.");
                if (parts.length >= 2) {
                    try {
                        JsonNode payload = Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
                        return payload.path("csrfToken").asText(null);
                    } catch (IllegalArgumentException | java.io.IOException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private synchronized Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        if (csrfToken != null) {
            headers.put("X-CSRF-Token", csrfToken);
        }
        return headers;
    }

    private String site(String path) {
        return root() + (settings.unifiOs() ? "/proxy/network" : "") + "/api/s/" + settings.site() + path;
    }

    private String root() {
        return settings.apiUrl().replaceAll("/+$", "");
    }
}
