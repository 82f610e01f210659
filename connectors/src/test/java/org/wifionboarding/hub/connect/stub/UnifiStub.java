package org.wifionboarding.hub.connect.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.wifionboarding.hub.mapping.Json;

/**
 * A UniFi Network controller, classic ({@code /api/login}, cookie {@code unifises}) or UniFi OS
 * ({@code /api/auth/login}, cookie {@code TOKEN}, {@code X-CSRF-Token}, network API under
 * {@code /proxy/network}): {@code cmd/hotspot} create-voucher / delete-voucher, {@code stat/voucher},
 * and {@code rest/wlanconf/{id}} with its {@code private_preshared_keys}. Answers wear the
 * {@code {"meta":{"rc":...},"data":[...]}} envelope; a missing session is 401 {@code api.err.LoginRequired}.
 *
 * <p>UniFi OS as consoles behave (and as {@code Art-of-WiFi/UniFi-API-client} reads them): the login's {@code TOKEN}
 * cookie is a JWT whose payload carries the session's {@code csrfToken}; a write answers with
 * {@code X-Updated-CSRF-Token} and the old token stops working; a request without the current token is 403.
 */
public final class UnifiStub extends HttpStub {

    public static final String USER = "hub";
    public static final String PASSWORD = "unifi-test-password";
    private final boolean unifiOs;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    /** UniFi OS: each session's current CSRF token */
    private final Map<String, String> csrf = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> vouchers = new ConcurrentHashMap<>();
    private volatile ObjectNode wlan;

    public UnifiStub(boolean unifiOs, String site, String wlanId) throws IOException {
        this.unifiOs = unifiOs;
        wlan = Json.MAPPER.createObjectNode().put("_id", wlanId).put("name", "Guest").put("security", "wpapsk");
        wlan.putArray("private_preshared_keys").addObject().put("password", "venue-staff-key").put("networkconf_id", "staff-net");
        on("POST", unifiOs ? "/api/auth/login" : "/api/login", (r, m) -> {
            JsonNode body = r.json();
            if (!USER.equals(body.path("username").asText()) || !PASSWORD.equals(body.path("password").asText())) {
                return unifiOs ? Reply.json(401, Map.of("code", "AUTHENTICATION_FAILED_INVALID_CREDENTIALS"))
                        : Reply.json(400, envelope("error", "api.err.Invalid", List.of()));
            }
            String session = UUID.randomUUID().toString().replace("-", "");
            sessions.add(session);
            if (!unifiOs) {
                return Reply.json(200, envelope("ok", null, List.of())).with("Set-Cookie", "unifises=" + session + "; Path=/; HttpOnly");
            }
            String token = UUID.randomUUID().toString();
            csrf.put(session, token);
            return Reply.json(200, Map.of("username", USER)).with("Set-Cookie", "TOKEN=" + jwt(session, token) + "; Path=/; HttpOnly; SameSite=strict");
        });
        String api = (unifiOs ? "/proxy/network" : "") + "/api/s/" + site;
        on("GET", api + "/stat/voucher", (r, m) -> session(r) ? Reply.json(200, envelope("ok", null, List.copyOf(vouchers.values()))) : loginRequired(r));
        on("POST", api + "/cmd/hotspot", (r, m) -> {
            if (!session(r)) {
                return loginRequired(r);
            }
            JsonNode cmd = r.json();
            String wrong = hotspotShape(cmd);
            if (wrong != null) {
                return Reply.json(400, envelope("error", wrong, List.of()));
            }
            switch (cmd.path("cmd").asText()) {
                case "create-voucher" -> {
                    long created = System.currentTimeMillis() / 1000;
                    for (int i = 0; i < cmd.path("n").asInt(1); i++) {
                        ObjectNode v = Json.MAPPER.createObjectNode().put("_id", UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                                .put("site_id", "5f00").put("create_time", created)
                                .put("code", String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L)))
                                .put("for_hotspot", false).put("admin_name", USER).put("quota", cmd.path("quota").asInt())
                                .put("duration", cmd.path("expire").asLong()).put("used", 0).put("qos_overwrite", false)
                                .put("note", cmd.path("note").asText()).put("status", "VALID_ONE");
                        vouchers.put(v.path("_id").asText(), v);
                    }
                    return written(r, Reply.json(200, envelope("ok", null, List.of(Map.of("create_time", created)))));
                }
                case "delete-voucher" -> {
                    vouchers.remove(cmd.path("_id").asText());
                    return written(r, Reply.json(200, envelope("ok", null, List.of())));
                }
                default -> {
                    return Reply.json(400, envelope("error", "api.err.UnknownCommand", List.of()));
                }
            }
        });
        on("POST", api + "/cmd/stamgr", (r, m) -> {
            if (!session(r)) {
                return loginRequired(r);
            }
            JsonNode cmd = r.json();
            String mac = cmd.path("mac").asText("");
            if (cmd.size() != 2 || !java.util.Set.of("unauthorize-guest", "kick-sta", "block-sta", "unblock-sta").contains(cmd.path("cmd").asText())
                    || !mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                return Reply.json(400, envelope("error", "api.err.InvalidPayload", List.of()));
            }
            if (!connected.remove(mac)) {
                return Reply.json(400, envelope("error", "api.err.UnknownStation", List.of()));
            }
            stationCommands.add(cmd.path("cmd").asText() + " " + mac);
            return written(r, Reply.json(200, envelope("ok", null, List.of())));
        });
        on("GET", api + "/rest/wlanconf/" + wlanId, (r, m) -> session(r) ? Reply.json(200, envelope("ok", null, List.of(wlan))) : loginRequired(r));
        on("PUT", api + "/rest/wlanconf/" + wlanId, (r, m) -> {
            if (!session(r)) {
                return loginRequired(r);
            }
            ObjectNode updated = wlan.deepCopy();
            updated.setAll((ObjectNode) r.json());
            wlan = updated;
            return written(r, Reply.json(200, envelope("ok", null, List.of(wlan))));
        });
    }

    /**
     * {@code cmd/hotspot} bodies as {@code Art-of-WiFi/UniFi-API-client} builds them ({@code create_voucher}: {@code cmd},
     * {@code expire}, {@code n}, {@code quota}, optional {@code note}, {@code up}, {@code down}, {@code bytes};
     * {@code revoke_voucher}: {@code cmd}, {@code _id}): anything else, or a missing number, is the controller's
     * {@code api.err.InvalidPayload}.
     */
    private static String hotspotShape(JsonNode cmd) {
        java.util.Set<String> allowed = switch (cmd.path("cmd").asText()) {
            case "create-voucher" -> java.util.Set.of("cmd", "expire", "n", "quota", "note", "up", "down", "bytes");
            case "delete-voucher" -> java.util.Set.of("cmd", "_id");
            default -> null;
        };
        if (allowed == null) {
            return null;   // answered as an unknown command
        }
        for (java.util.Iterator<String> names = cmd.fieldNames(); names.hasNext();) {
            if (!allowed.contains(names.next())) {
                return "api.err.InvalidPayload";
            }
        }
        boolean create = cmd.path("cmd").asText().equals("create-voucher");
        if (create && !(cmd.path("expire").isIntegralNumber() && cmd.path("n").isIntegralNumber() && cmd.path("quota").isIntegralNumber())
                || !create && !cmd.path("_id").isTextual()) {
            return "api.err.InvalidPayload";
        }
        return null;
    }

    private final java.util.Set<String> connected = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Queue<String> stationCommands = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A client (lower-case MAC) is now connected, so station commands about it succeed. */
    public void connect(String mac) {
        connected.add(mac);
    }

    /** The station commands that ended a connected client's session, as "{@code <cmd> <mac>}". */
    public List<String> stationCommands() {
        return List.copyOf(stationCommands);
    }

    /** Every session ends, as when the controller restarts. */
    public void expireSessions() {
        sessions.clear();
    }

    public Map<String, JsonNode> vouchersByNote() {
        Map<String, JsonNode> byNote = new java.util.HashMap<>();
        vouchers.values().forEach(v -> byNote.put(v.path("note").asText(), v));
        return byNote;
    }

    public List<String> pskPasswords() {
        return ((ArrayNode) wlan.path("private_preshared_keys")).findValuesAsText("password");
    }

    /** Every session's CSRF token changes without the client being told (another tab, a console update): its next request is 403. */
    public void rotateCsrf() {
        csrf.replaceAll((session, token) -> UUID.randomUUID().toString());
    }

    /** How many logins the console has seen. */
    public int logins() {
        return (int) requests().stream().filter(r -> r.path().endsWith("/login")).count();
    }

    private String sessionOf(Request r) {
        String cookie = r.header("Cookie");
        if (cookie == null) {
            return null;
        }
        return sessions.stream().filter(s -> cookie.contains((unifiOs ? "TOKEN=" + jwtPrefix(s) : "unifises=" + s))).findFirst().orElse(null);
    }

    private boolean session(Request r) {
        String session = sessionOf(r);
        return session != null && (!unifiOs || csrf.get(session).equals(r.header("X-CSRF-Token")));
    }

    private Reply loginRequired(Request r) {
        String session = sessionOf(r);
        if (unifiOs && session != null) {
            return Reply.json(403, Map.of("error", Map.of("code", 403, "message", "Forbidden")));   // a stale or missing CSRF token
        }
        return Reply.json(401, envelope("error", "api.err.LoginRequired", List.of()));
    }

    /** A write: answered with the session's next CSRF token, the old one no longer valid. */
    private Reply written(Request r, Reply reply) {
        if (!unifiOs) {
            return reply;
        }
        String next = UUID.randomUUID().toString();
        csrf.put(sessionOf(r), next);
        return reply.with("X-Updated-CSRF-Token", next);
    }

    private static String jwt(String session, String csrfToken) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = "{\"userId\":\"" + session + "\",\"csrfToken\":\"" + csrfToken + "\",\"iat\":" + System.currentTimeMillis() / 1000 + "}";
        return jwtPrefix(session) + "." + b64.encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    /** The JWT's header part, made unique per session so the cookie names the session. */
    private static String jwtPrefix(String session) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"sid\":\"" + session + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Map<String, Object> envelope(String rc, String msg, List<?> data) {
        Map<String, Object> meta = msg == null ? Map.of("rc", rc) : Map.of("rc", rc, "msg", msg);
        return Map.of("meta", meta, "data", data);
    }
}
