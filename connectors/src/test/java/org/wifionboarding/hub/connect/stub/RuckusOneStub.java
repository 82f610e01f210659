package org.wifionboarding.hub.connect.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.wifionboarding.hub.mapping.Json;

/**
 * RUCKUS One DPSK passphrases of one pool, in the shapes RUCKUS publishes: the "RUCKUS One DPSK" Postman collection
 * ({@code commscope-ruckus/RUCKUS-One-Postman}, {@code RUCKUS One DPSK.postman_collection.json}, commit {@code f6f02d7f})
 * for the calls, bodies and the asynchronous pattern, and the RUCKUS One API reference (DPSK Service) for the field
 * lists of {@code DpskPassphraseCreateDto}, {@code DpskPassphraseDto} and {@code DpskPassphraseQueryRequest}.
 *
 * <p>What it enforces: an OAuth2 client-credentials token from {@code POST /oauth2/token/{tenantId}} (form) on every
 * call, and {@code x-rks-tenantid} when the stub stands for a managed property; request bodies with only the documented
 * fields, of the documented types ({@code numberOfDevices} 1-512, {@code vlanId} a number, {@code expirationDate} a
 * date-time), a passphrase of the pool's minimum length to 63 characters, unique in the pool. Writes answer
 * {@code 202 {"requestId"}} and are applied only when {@code GET /activities/{requestId}} first reports them
 * ({@code INPROGRESS} once, then {@code SUCCESS} or {@code FAIL}), so a client that does not wait for the activity
 * reads a pool without its change.
 */
public final class RuckusOneStub extends HttpStub {

    public static final String TENANT = "4b5d0e7a8c1f4f2e9d3a6b7c8d9e0f1a";
    public static final String CLIENT_ID = "hub-client-7f3e";
    public static final String CLIENT_SECRET = "ruckus-test-secret-0123456789";
    public static final String POOL = "dpsk-pool-6c1e";

    private static final Set<String> CREATE_FIELDS = Set.of("email", "expiration", "expirationDate", "format", "id", "identityId", "length", "mac",
            "numberOfDevices", "numberOfDevicesType", "numberOfPassphrases", "passphrase", "phoneNumber", "username", "vlanId", "vxlanId");
    private static final Set<String> UPDATE_FIELDS = Set.of("createdDate", "devices", "email", "expiration", "expirationDate", "id", "identityGroupId",
            "isReferenced", "lastModifiedDate", "numberOfDevices", "passphrase", "phoneNumber", "revocationDate", "revocationReason", "username", "vlanId");
    private static final Set<String> QUERY_FIELDS = Set.of("fields", "filters", "maxDevicesPerPassphrase", "page", "pageSize", "searchString",
            "searchTargetFields", "sortField", "sortOrder");
    private static final int MIN_LENGTH = 8;

    private final Map<String, ObjectNode> passphrases = new ConcurrentHashMap<>();
    private final Map<String, Activity> activities = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final String delegatedTenant;
    private volatile String failNextActivity;

    private static final class Activity {
        final Consumer<Map<String, ObjectNode>> change;
        int polls;
        String status = "INPROGRESS";
        String reason;

        Activity(Consumer<Map<String, ObjectNode>> change) {
            this.change = change;
        }
    }

    /** @param delegatedTenant the managed property's tenant every call must name in {@code x-rks-tenantid}, or null */
    public RuckusOneStub(String delegatedTenant) throws IOException {
        this.delegatedTenant = delegatedTenant;
        String base = "/dpskServices/" + POOL + "/passphrases";
        on("POST", "/oauth2/token/([^/]+)", (r, m) -> {
            Map<String, String> form = form(r.body());
            if (!m.group(1).equals(TENANT) || !"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                    || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                return Reply.json(401, Map.of("error", "invalid_client"));
            }
            String token = "eyJ" + UUID.randomUUID().toString().replace("-", "");
            tokens.add(token);
            return Reply.json(200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 7199));
        });
        on("POST", base, (r, m) -> guarded(r, () -> {
            ObjectNode body = object(r);
            String wrong = unknown(body, CREATE_FIELDS);
            if (wrong == null) {
                wrong = typed(body);
            }
            if (wrong != null) {
                return invalid(wrong);
            }
            String passphrase = body.path("passphrase").asText(null);
            if (passphrase == null || body.path("numberOfPassphrases").asInt(1) != 1) {
                return invalid("the hub always gives one passphrase of its own");   // generated passphrases are not what this stub stands for
            }
            if (passphrase.length() < MIN_LENGTH || passphrase.length() > 63) {
                return invalid("passphrase must be " + MIN_LENGTH + " to 63 characters (the pool's passphraseLength)");
            }
            if (passphrases.values().stream().anyMatch(p -> p.path("passphrase").asText().equals(passphrase))) {
                return invalid("passphrase already exists in this pool");
            }
            ObjectNode made = body.deepCopy();
            made.put("id", UUID.randomUUID().toString().replace("-", "")).put("createdDate", Instant.now().toString());
            return accepted(pool -> pool.put(made.path("id").asText(), made));
        }));
        on("POST", base + "/query", (r, m) -> guarded(r, () -> {
            ObjectNode body = object(r);
            String wrong = unknown(body, QUERY_FIELDS);
            if (wrong != null) {
                return invalid(wrong);
            }
            if (body.has("page") && body.path("page").asInt() < 1) {
                return Reply.json(500, Map.of("message", "page must start at 1"));   // as users of the live API report
            }
            String search = body.path("searchString").asText("");
            List<JsonNode> rows = new ArrayList<>();
            for (ObjectNode p : passphrases.values()) {
                if (p.path("username").asText().contains(search)) {
                    ObjectNode row = Json.MAPPER.createObjectNode();
                    if (body.has("fields")) {
                        body.path("fields").forEach(f -> row.set(f.asText(), p.get(f.asText())));
                    } else {
                        row.setAll(p);
                    }
                    rows.add(row);
                }
            }
            return Reply.json(200, Map.of("data", rows, "page", 1, "totalCount", rows.size()));
        }));
        on("PATCH", base + "/([^/]+)", (r, m) -> guarded(r, () -> {
            ObjectNode body = object(r);
            String wrong = unknown(body, UPDATE_FIELDS);
            if (wrong == null) {
                wrong = typed(body);
            }
            if (wrong != null) {
                return invalid(wrong);
            }
            if (!passphrases.containsKey(m.group(1))) {
                return Reply.json(404, Map.of("message", "DPSK passphrase not found"));
            }
            String id = m.group(1);
            return accepted(pool -> {
                ObjectNode p = pool.get(id);
                if (p != null) {
                    p.setAll(body);
                }
            });
        }));
        on("DELETE", base, (r, m) -> guarded(r, () -> {
            JsonNode ids = r.json();
            if (!ids.isArray() || ids.isEmpty() || !ids.get(0).isTextual()) {
                return invalid("the body is the array of passphrase ids to delete");
            }
            List<String> gone = new ArrayList<>();
            ids.forEach(id -> gone.add(id.asText()));
            return accepted(pool -> gone.forEach(pool::remove));
        }));
        on("GET", "/activities/([^/]+)", (r, m) -> guarded(r, () -> {
            Activity activity = activities.get(m.group(1));
            if (activity == null) {
                return Reply.json(404, Map.of("message", "activity not found"));
            }
            synchronized (activity) {
                if (activity.polls++ >= 1 && activity.status.equals("INPROGRESS")) {
                    String fail = failNextActivity;
                    if (fail != null) {
                        failNextActivity = null;
                        activity.status = "FAIL";
                        activity.reason = fail;
                    } else {
                        activity.change.accept(passphrases);
                        activity.status = "SUCCESS";
                    }
                }
                Map<String, Object> answer = new HashMap<>(Map.of("requestId", m.group(1), "status", activity.status));
                if (activity.reason != null) {
                    answer.put("error", activity.reason);
                }
                return Reply.json(200, answer);
            }
        }));
    }

    public String apiUrl() {
        return url();
    }

    /** The next activity to finish fails with this reason instead of applying its change. */
    public void failNextActivity(String reason) {
        failNextActivity = reason;
    }

    /** The pool's passphrases now, by user name. */
    public Map<String, JsonNode> byUsername() {
        Map<String, JsonNode> all = new HashMap<>();
        passphrases.values().forEach(p -> all.put(p.path("username").asText(), p));
        return all;
    }

    public int size() {
        return passphrases.size();
    }

    /** Forgets every token, as an expired or revoked one is refused. */
    public void expireTokens() {
        tokens.clear();
    }

    private Reply accepted(Consumer<Map<String, ObjectNode>> change) {
        String requestId = UUID.randomUUID().toString();
        activities.put(requestId, new Activity(change));
        return Reply.json(202, Map.of("requestId", requestId));
    }

    @FunctionalInterface
    private interface Answer {
        Reply get() throws Exception;
    }

    private Reply guarded(Request r, Answer answer) throws Exception {
        String auth = r.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
            return Reply.json(401, Map.of("message", "Unauthorized"));
        }
        if (delegatedTenant != null && !delegatedTenant.equals(r.header("x-rks-tenantid"))) {
            return Reply.json(403, Map.of("message", "Access to the tenant is denied"));
        }
        return answer.get();
    }

    private static ObjectNode object(Request r) {
        JsonNode body = r.json();
        if (!(body instanceof ObjectNode o)) {
            throw new IllegalArgumentException("body is not an object");
        }
        return o;
    }

    private static String unknown(ObjectNode body, Set<String> documented) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!documented.contains(name)) {
                return "unknown field '" + name + "'";
            }
        }
        return null;
    }

    private static String typed(ObjectNode body) {
        if (body.has("numberOfDevices") && (!body.path("numberOfDevices").isInt() || body.path("numberOfDevices").asInt() < 1
                || body.path("numberOfDevices").asInt() > 512)) {
            return "numberOfDevices must be a number from 1 to 512";
        }
        if (body.has("vlanId") && !body.path("vlanId").isInt()) {
            return "vlanId must be a number";
        }
        if (body.has("expirationDate")) {
            try {
                Instant.parse(body.path("expirationDate").asText());
            } catch (DateTimeParseException e) {
                return "expirationDate must be a date-time (2025-08-24T14:15:22Z)";
            }
        }
        return null;
    }

    private static Reply invalid(String why) {
        return Reply.json(400, Map.of("message", why));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
