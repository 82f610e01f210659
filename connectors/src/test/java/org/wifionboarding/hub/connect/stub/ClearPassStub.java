package org.wifionboarding.hub.connect.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ClearPass Guest REST API: {@code POST /api/oauth} (client credentials), {@code POST /api/guest},
 * {@code GET/PATCH/DELETE /api/guest/username/{username}}, MPSK devices ({@code GET /api/device?filter=},
 * {@code POST /api/device}, {@code PATCH/DELETE /api/device/mac/{mac}}); errors as ClearPass' problem documents
 * (401 invalid token, 404 not found, 422 username or MAC in use or invalid).
 */
public final class ClearPassStub extends HttpStub {

    public static final String CLIENT_ID = "wifi-hub";
    public static final String CLIENT_SECRET = "clearpass-test-secret";
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> guests = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> devices = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(3000);

    public ClearPassStub() throws IOException {
        on("POST", "/api/oauth", (r, m) -> {
            JsonNode body = r.json();
            if (!"client_credentials".equals(body.path("grant_type").asText()) || !CLIENT_ID.equals(body.path("client_id").asText())
                    || !CLIENT_SECRET.equals(body.path("client_secret").asText())) {
                return problem(400, "Bad Request", "Invalid client credentials");
            }
            String token = UUID.randomUUID().toString().replace("-", "");
            tokens.add(token);
            return Reply.json(200, Map.of("access_token", token, "expires_in", 28800, "token_type", "Bearer"));
        });
        on("POST", "/api/guest", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            ObjectNode guest = (ObjectNode) r.json();
            Reply invalid = invalid(guest, "username", "password", "role_id");
            if (invalid != null) {
                return invalid;
            }
            String username = guest.path("username").asText();
            synchronized (guests) {
                if (guests.containsKey(username)) {
                    ObjectNode problem = problemBody(422, "Unprocessable Entity", "Validation failed");
                    problem.putObject("validation_messages").put("username", "The username is already in use");
                    return Reply.json(422, problem);
                }
                guest.put("id", ids.incrementAndGet());
                guests.put(username, guest);
            }
            return Reply.json(201, guest);
        });
        on("GET", "/api/guest/username/([^/]+)", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            ObjectNode guest = guests.get(m.group(1));
            return guest == null ? problem(404, "Not Found", "Guest not found") : Reply.json(200, guest);
        });
        on("PATCH", "/api/guest/username/([^/]+)", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            ObjectNode guest = guests.get(m.group(1));
            if (guest == null) {
                return problem(404, "Not Found", "Guest not found");
            }
            Reply invalidUpdate = invalid((ObjectNode) r.json());   // an update names no required field, but its types are checked
            if (invalidUpdate != null) {
                return invalidUpdate;
            }
            guest.setAll((ObjectNode) r.json());
            return Reply.json(200, guest);
        });
        on("GET", "/api/device", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            String filter = java.net.URLDecoder.decode(r.query().replaceAll("(^|.*&)filter=([^&]*).*", "$2"), java.nio.charset.StandardCharsets.UTF_8);
            JsonNode wanted = org.wifionboarding.hub.mapping.Json.MAPPER.readTree(filter);
            ObjectNode page = org.wifionboarding.hub.mapping.Json.MAPPER.createObjectNode();
            com.fasterxml.jackson.databind.node.ArrayNode items = page.putObject("_embedded").putArray("items");
            devices.values().stream().filter(d -> {
                java.util.Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (!f.getValue().asText().equals(d.path(f.getKey()).asText())) {
                        return false;
                    }
                }
                return true;
            }).forEach(items::add);
            return Reply.json(200, page);
        });
        on("POST", "/api/device", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            ObjectNode device = (ObjectNode) r.json();
            Reply invalid = invalid(device, "mac", "role_id");
            if (invalid != null) {
                return invalid;
            }
            String mac = device.path("mac").asText();
            if (!mac.matches("([0-9A-F]{2}-){5}[0-9A-F]{2}")) {
                ObjectNode problem = problemBody(422, "Unprocessable Entity", "Validation failed");
                problem.putObject("validation_messages").put("mac", "Invalid MAC address");
                return Reply.json(422, problem);
            }
            synchronized (devices) {
                if (devices.containsKey(mac)) {
                    ObjectNode problem = problemBody(422, "Unprocessable Entity", "Validation failed");
                    problem.putObject("validation_messages").put("mac", "This MAC address is already registered");
                    return Reply.json(422, problem);
                }
                device.put("id", ids.incrementAndGet());
                devices.put(mac, device);
            }
            return Reply.json(201, device);
        });
        on("PATCH", "/api/device/mac/([^/]+)", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            ObjectNode device = devices.get(m.group(1));
            if (device == null) {
                return problem(404, "Not Found", "Device not found");
            }
            Reply invalidUpdate = invalid((ObjectNode) r.json());   // an update names no required field, but its types are checked
            if (invalidUpdate != null) {
                return invalidUpdate;
            }
            device.setAll((ObjectNode) r.json());
            return Reply.json(200, device);
        });
        on("DELETE", "/api/device/mac/([^/]+)", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            return devices.remove(m.group(1)) == null ? problem(404, "Not Found", "Device not found") : Reply.json(204, null);
        });
        on("DELETE", "/api/guest/username/([^/]+)", (r, m) -> {
            if (!authorized(r)) {
                return problem(401, "Unauthorized", "Invalid access token");
            }
            return guests.remove(m.group(1)) == null ? problem(404, "Not Found", "Guest not found") : Reply.json(204, null);
        });
    }

    public Map<String, ObjectNode> devices() {
        return devices;
    }

    public Map<String, ObjectNode> guests() {
        return guests;
    }

    /** Every token stops working, as when an administrator revokes them. */
    public void revokeTokens() {
        tokens.clear();
    }

    private boolean authorized(Request r) {
        String auth = r.header("Authorization");
        return auth != null && auth.startsWith("Bearer ") && tokens.contains(auth.substring(7));
    }

    private static Reply problem(int status, String title, String detail) {
        return Reply.json(status, problemBody(status, title, detail));
    }

    private static ObjectNode problemBody(int status, String title, String detail) {
        return org.wifionboarding.hub.mapping.Json.MAPPER.createObjectNode()
                .put("type", "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html").put("title", title)
                .put("status", status).put("detail", detail);
    }

    /**
     * ClearPass' own validation of a new guest or device account, as {@code aruba/pyclearpass} documents it
     * ({@code new_guest}: {@code username}, {@code password}, {@code role_id} required; {@code new_device}: {@code mac},
     * {@code role_id}; {@code role_id} an integer, {@code enabled} a boolean, times epoch seconds). Custom fields are allowed
     * ("additional properties may be stored with the account"), so unknown names are not refused. 422 with
     * {@code validation_messages}, or null when valid.
     */
    private Reply invalid(ObjectNode account, String... required) {
        ObjectNode messages = org.wifionboarding.hub.mapping.Json.MAPPER.createObjectNode();
        for (String name : required) {
            if (!account.hasNonNull(name) || account.path(name).asText().isEmpty()) {
                messages.put(name, "Required field");
            }
        }
        if (account.has("role_id") && !account.path("role_id").isIntegralNumber()) {
            messages.put("role_id", "Must be an integer");
        }
        if (account.has("enabled") && !account.path("enabled").isBoolean()) {
            messages.put("enabled", "Must be a boolean");
        }
        for (String time : new String[] {"start_time", "expire_time"}) {
            if (account.has(time) && !account.path(time).asText().matches("\\d+")) {
                messages.put(time, "Must be a time (seconds since the epoch)");
            }
        }
        if (messages.isEmpty()) {
            return null;
        }
        ObjectNode problem = problemBody(422, "Unprocessable Entity", "Validation failed");
        problem.set("validation_messages", messages);
        return Reply.json(422, problem);
    }
}
