package org.wifionboarding.hub.connect.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meraki Dashboard API v1 identity PSKs of one network and SSID, in the documented shapes: Bearer auth
 * (401 {@code {"errors":["Invalid API key"]}}), 201 on create with the key's {@code id}, 400 on a taken
 * name, 404 on unknown ids, 204 on delete. Bodies are held to the operation's documented parameters
 * ({@code createNetworkWirelessSsidIdentityPsk}: {@code name} and {@code groupPolicyId} required, {@code passphrase},
 * {@code expiresAt}; {@code updateNetworkWirelessSsidIdentityPsk}: the same, none required), as generated from Meraki's
 * OpenAPI spec into {@code meraki/dashboard-api-python} ({@code meraki/api/wireless.py}, commit {@code dfb9a282}): a missing
 * or unknown field, or an {@code expiresAt} that is not a timestamp, is a 400. (Meraki's spec repository carries no
 * licence, so no copy of it is kept here to validate against.)
 */
public final class MerakiStub extends HttpStub {

    public static final String API_KEY = "meraki-test-key-0123456789";
    private final Map<String, ObjectNode> keys = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1284392014819L);

    public MerakiStub(String networkId, int ssid) throws IOException {
        String base = "/api/v1/networks/" + networkId + "/wireless/ssids/" + ssid + "/identityPsks";
        on("GET", base, (r, m) -> authorized(r) ? Reply.json(200, List.copyOf(keys.values())) : unauthorized());
        on("POST", base, (r, m) -> {
            if (!authorized(r)) {
                return unauthorized();
            }
            JsonNode body = r.json();
            String wrong = shape(body, true);
            if (wrong != null) {
                return Reply.json(400, Map.of("errors", List.of(wrong)));
            }
            synchronized (keys) {
                if (keys.values().stream().anyMatch(k -> k.path("name").asText().equals(body.path("name").asText()))) {
                    return Reply.json(400, Map.of("errors", List.of("Name has already been taken")));
                }
                ObjectNode key = ((ObjectNode) body.deepCopy()).put("id", Long.toString(ids.incrementAndGet()));
                keys.put(key.path("id").asText(), key);
                return Reply.json(201, key);
            }
        });
        on("PUT", base + "/([^/]+)", (r, m) -> {
            if (!authorized(r)) {
                return unauthorized();
            }
            String wrong = shape(r.json(), false);
            if (wrong != null) {
                return Reply.json(400, Map.of("errors", List.of(wrong)));
            }
            ObjectNode key = keys.get(m.group(1));
            if (key == null) {
                return Reply.json(404, Map.of("errors", List.of("Identity PSK not found")));
            }
            key.setAll((ObjectNode) r.json());
            return Reply.json(200, key);
        });
        on("DELETE", base + "/([^/]+)", (r, m) -> {
            if (!authorized(r)) {
                return unauthorized();
            }
            return keys.remove(m.group(1)) == null ? Reply.json(404, Map.of("errors", List.of("Identity PSK not found"))) : Reply.json(204, null);
        });
    }

    public String apiUrl() {
        return url() + "/api/v1";
    }

    /** The keys now on the SSID, by name. */
    public Map<String, JsonNode> keysByName() {
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        keys.values().forEach(k -> byName.put(k.path("name").asText(), k));
        return byName;
    }

    public int size() {
        return keys.size();
    }

    private static final java.util.Set<String> FIELDS = java.util.Set.of("name", "groupPolicyId", "passphrase", "expiresAt");

    /** Why the body is not what the operation takes, or null. */
    private static String shape(JsonNode body, boolean create) {
        if (!body.isObject()) {
            return "The request body must be a JSON object";
        }
        for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return "Unknown parameter '" + name + "'";
            }
        }
        if (create && (!body.hasNonNull("name") || !body.hasNonNull("groupPolicyId"))) {
            return "'name' and 'groupPolicyId' must be specified";
        }
        if (body.hasNonNull("expiresAt")) {
            try {
                java.time.OffsetDateTime.parse(body.path("expiresAt").asText());
            } catch (java.time.format.DateTimeParseException e) {
                return "'expiresAt' must be a timestamp";
            }
        }
        return null;
    }

    private static boolean authorized(Request r) {
        return ("Bearer " + API_KEY).equals(r.header("Authorization"));
    }

    private static Reply unauthorized() {
        return Reply.json(401, Map.of("errors", List.of("Invalid API key")));
    }
}
