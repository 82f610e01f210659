package org.wifionboarding.hub.connect.ruckus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.TargetRefusedException;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.connect.http.CachedToken;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * RUCKUS One DPSK passphrases in one DPSK pool: one passphrase per booking, its {@code username} the account's
 * booking-derived name (so the hub finds its own passphrase again), its value the hub's passphrase and its
 * {@code expirationDate} the stay's end, so the network ends access on time even if the hub does not. Like Meraki,
 * DPSK has no "valid from": the passphrase exists only while the credential is usable.
 *
 * <p>RUCKUS One writes are asynchronous: a create, update or delete answers {@code 202 {"requestId"}} and the change is
 * done when {@code GET /activities/{requestId}} says {@code SUCCESS} (or {@code FAIL}). The hub waits for that answer,
 * so "provisioned" means the controller applied the change, not that it queued it. A create's answer carries no
 * passphrase id: the hub reads it back with the pool's query by user name. Tokens are OAuth2 client credentials
 * ({@code POST /oauth2/token/{tenantId}}); a managed (MSP/brand) property is addressed with {@code x-rks-tenantid}.
 */
public final class RuckusOneTarget implements ProvisioningTarget {

    /** The target's settings, read once. */
    public record Settings(String apiUrl, String tenantId, String clientId, String clientSecret, String delegatedTenantId,
            String poolId, String vlanId, String devicesPerKey, Duration applyWithin) {
    }

    private final String name;
    private final Settings settings;
    private final VendorHttp http;
    private final Clock clock;
    private final CachedToken token;

    public RuckusOneTarget(String name, Settings settings, VendorHttp http, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        String tokenUrl = api("/oauth2/token/" + settings.tenantId());
        this.token = new CachedToken(() -> http.sendForm("POST", tokenUrl, Map.of(), Map.of("grant_type", "client_credentials",
                "client_id", settings.clientId(), "client_secret", settings.clientSecret())), tokenUrl, http, clock);
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
            // deleted by id, then checked by name: a stale id or a delete the controller did not apply leaves nothing behind
            Set<String> tried = new HashSet<>();
            String id = account.reference() != null ? account.reference() : find(account.username());
            while (id != null && tried.add(id)) {
                delete(id);
                id = find(account.username());
            }
            if (id != null) {
                throw new IllegalStateException("RUCKUS One still lists the passphrase of " + account.username() + " after deleting it");
            }
            return Result.NONE;
        }
        String expires = desired.validUntil().truncatedTo(ChronoUnit.SECONDS).toString();
        String id = account.reference() != null ? account.reference() : find(account.username());
        if (id != null) {
            VendorHttp.Response updated = call("PATCH", passphrases() + "/" + id, Json.MAPPER.createObjectNode().put("expirationDate", expires));
            if (updated.status() != 404) {
                applied("PATCH", passphrases() + "/" + id, updated);
                return new Result(id, null);
            }
        }
        ObjectNode create = Json.MAPPER.createObjectNode()
                .put("username", account.username())
                .put("passphrase", desired.passphrase())
                .put("expirationDate", expires);
        if (!settings.devicesPerKey().isBlank()) {
            create.put("numberOfDevices", Integer.parseInt(settings.devicesPerKey()));
        }
        if (!settings.vlanId().isBlank()) {
            create.put("vlanId", Integer.parseInt(settings.vlanId()));
        }
        VendorHttp.Response created = call("POST", passphrases(), create);
        if (created.status() == 400 && find(account.username()) != null) {
            // most often "passphrase already exists": an earlier attempt made it after the hub stopped waiting for it
            return reconcile(new Account(account.username(), null), desired);
        }
        applied("POST", passphrases(), created);
        String made = find(account.username());
        if (made == null) {
            throw new TargetUnavailableException("RUCKUS One reported the passphrase of " + account.username()
                    + " created but its pool does not list it yet", null, null);
        }
        return new Result(made, null);
    }

    /** Deletes one passphrase; one that is gone already, or a delete the controller refuses, is left to the check by name. */
    private void delete(String id) {
        VendorHttp.Response deleted = call("DELETE", passphrases(), List.of(id));
        if (deleted.status() == 404) {
            return;
        }
        try {
            applied("DELETE", passphrases(), deleted);
        } catch (TargetRefusedException e) {
            // e.g. an unknown id: whether the guest's passphrase is gone is what the caller checks next
        }
    }

    /**
     * Waits until an accepted asynchronous write is applied: {@code SUCCESS} returns, {@code FAIL} is the controller
     * refusing the change (final), and no verdict within {@code apply-within} leaves it to the broker's retries (the
     * retry finds the passphrase by name, so a write applied late is not made twice).
     */
    private void applied(String method, String url, VendorHttp.Response answer) {
        if (!answer.ok()) {
            throw http.refused(method, url, answer);
        }
        String requestId = answer.json().path("requestId").asText("");
        if (answer.status() != 202 || requestId.isEmpty()) {
            return;   // a synchronous answer: done
        }
        Instant deadline = clock.instant().plus(settings.applyWithin());
        long pause = 100;
        while (true) {
            VendorHttp.Response activity = call("GET", api("/activities/" + requestId), null);
            if (!activity.ok()) {
                throw http.refused("GET", api("/activities/" + requestId), activity);
            }
            String status = activity.json().path("status").asText("");
            if ("SUCCESS".equals(status)) {
                return;
            }
            if ("FAIL".equals(status)) {
                throw new TargetRefusedException("RUCKUS One " + method + " " + java.net.URI.create(url).getPath() + " failed: "
                        + abbreviate(activity.text()), 422);
            }
            if (!clock.instant().plusMillis(pause).isBefore(deadline)) {
                throw new TargetUnavailableException("RUCKUS One did not apply " + method + " " + java.net.URI.create(url).getPath()
                        + " within " + settings.applyWithin() + " (activity " + requestId + " " + status + ")", null, null);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetUnavailableException("interrupted while RUCKUS One applied " + method, null, e);
            }
            pause = Math.min(pause * 2, 2_000);
        }
    }

    /** The id of the pool's passphrase whose user name is {@code username}, or null. */
    private String find(String username) {
        ObjectNode query = Json.MAPPER.createObjectNode().put("searchString", username).put("pageSize", 100);
        query.putArray("searchTargetFields").add("username");
        query.putArray("fields").add("id").add("username");
        VendorHttp.Response found = call("POST", passphrases() + "/query", query);
        if (!found.ok()) {
            throw http.refused("POST", passphrases() + "/query", found);
        }
        JsonNode rows = found.json().has("data") ? found.json().path("data") : found.json().path("content");
        for (JsonNode row : rows) {
            if (username.equals(row.path("username").asText())) {   // the search matches parts of names too
                return row.path("id").asText();
            }
        }
        return null;
    }

    private VendorHttp.Response call(String method, String url, Object body) {
        VendorHttp.Response response = http.send(method, url, headers(false), body);
        if (response.status() == 401) {
            // expired or revoked early: one new token, one more try
            response = http.send(method, url, headers(true), body);
        }
        return response;
    }

    private Map<String, String> headers(boolean renew) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + token.get(renew));
        if (!settings.delegatedTenantId().isBlank()) {
            headers.put("x-rks-tenantid", settings.delegatedTenantId());
        }
        return headers;
    }

    private String passphrases() {
        return api("/dpskServices/" + settings.poolId() + "/passphrases");
    }

    private String api(String path) {
        return settings.apiUrl().replaceAll("/+$", "") + path;
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
