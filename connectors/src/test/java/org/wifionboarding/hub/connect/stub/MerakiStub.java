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
 * name, 404 on unknown ids, 204 on delete. Every request and answer is validated against
 * {@code contracts/meraki/identity-psks.json}, an OpenAPI document of the four operations written to follow Meraki's
 * own ({@code meraki/openapi}, which carries no licence, so no copy of it is kept here; {@code MerakiContractTest}
 * compares the two): a missing {@code name} or {@code groupPolicyId}, an unknown field, or an {@code expiresAt} that is
 * not a timestamp is a 400 in Meraki's error shape ({@code {"errors":[...]}}).
 */
public final class MerakiStub extends HttpStub {

    public static final String API_KEY = "meraki-test-key-0123456789";
    private final Map<String, ObjectNode> keys = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1284392014819L);

    public MerakiStub(String networkId, int ssid) throws IOException {
        contract("meraki/identity-psks.json", "/api/v1");
        String base = "/api/v1/networks/" + networkId + "/wireless/ssids/" + ssid + "/identityPsks";
        on("GET", base, (r, m) -> authorized(r) ? Reply.json(200, List.copyOf(keys.values())) : unauthorized());
        on("POST", base, (r, m) -> {
            if (!authorized(r)) {
                return unauthorized();
            }
            JsonNode body = r.json();
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

    @Override
    protected Reply contractRefusal(String report) {
        return Reply.json(400, Map.of("errors", List.of(report)));
    }

    private static boolean authorized(Request r) {
        return ("Bearer " + API_KEY).equals(r.header("Authorization"));
    }

    private static Reply unauthorized() {
        return Reply.json(401, Map.of("errors", List.of("Invalid API key")));
    }
}
