package org.wifionboarding.hub.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;

/**
 * OHIP for OPERA Cloud on loopback, as Oracle documents it ({@code oracle/hospitality-api-docs}), every request
 * checked against the published specs ({@code contracts/ohip/}): OAuth2 client credentials with the required
 * {@code scope} ({@code oauth.json}); the hotel's business-event queue, which <em>dequeues</em> what it returns,
 * at most 20 a call, 204 when empty ({@code int.json} getBusinessEvents); reservations by id and the hotel's
 * reservations by arrival dates or in house ({@code rsv.json}). Answers come from Oracle's own examples
 * ({@code src/test/resources/ohip/}). A page can be held back after it was dequeued, to lose it in flight.
 */
public final class OperaStub extends HttpStub {

    static final String APP_KEY = "41ecd082-8997-4c69-af34-2f72b83645ff";   // oauth.json's x-example, a UUID v4 as x-app-key must be
    static final String CLIENT = "hub-client";
    static final String SECRET = "hub-secret";
    static final String SCOPE = "urn:opc:hgbu:ws:__myscopes__";
    static final String HOTEL = "HQLON";
    static final String SYSTEM = "WIFIHUB";

    private final Deque<JsonNode> queue = new ConcurrentLinkedDeque<>();
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final AtomicLong eventIds = new AtomicLong(5_001_000);
    private final AtomicInteger dequeued = new AtomicInteger();
    private volatile CountDownLatch holdNextPage;
    private volatile CountDownLatch pageHeld;

    public OperaStub() throws IOException {
        contract("ohip/oauth.tokens.json", "/oauth/v1");
        // Oracle's examples write times as "2021-07-08 11:15:38.0" where the schema says date-time: answers follow the examples
        contract("ohip/int.businessEvents.json", "/int/v1", EXAMPLE_TIMES);
        contract("ohip/rsv.reservations.json", "/rsv/v1", EXAMPLE_TIMES);
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        on("POST", "/oauth/v1/tokens", (r, m) -> {
            Map<String, String> form = form(r.body());
            if (!basic.equals(r.header("Authorization")) || !"client_credentials".equals(form.get("grant_type")) || !SCOPE.equals(form.get("scope"))) {
                return Reply.json(401, Map.of("title", "Invalid client ID, client secret, username, and/or password, and/or scope."));
            }
            return Reply.json(200, Map.of("access_token", "ohip-token", "expires_in", 3600, "token_type", "Bearer", "oracle_tk_context", "user_assertion"));
        });
        on("GET", "/int/v1/externalSystem/" + SYSTEM + "/hotels/" + HOTEL + "/businessEvents", (r, m) -> {
            Matcher limit = Pattern.compile("limit=([0-9]+)").matcher(String.valueOf(r.query()));
            int count = limit.find() ? Integer.parseInt(limit.group(1)) : 20;
            ArrayNode page = Json.MAPPER.createArrayNode();
            for (JsonNode event; page.size() < count && (event = queue.poll()) != null; ) {
                page.add(event);   // dequeued: gone from OHIP, whatever becomes of this answer
            }
            dequeued.addAndGet(page.size());
            CountDownLatch hold = holdNextPage;
            if (hold != null && !page.isEmpty()) {
                pageHeld.countDown();
                hold.await(60, java.util.concurrent.TimeUnit.SECONDS);   // the answer does not arrive while the test stops the hub
                holdNextPage = null;
            }
            if (page.isEmpty()) {
                return new Reply(204, Map.of(), "");
            }
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.set("businessEventData", page);
            return Reply.json(200, answer);
        });
        on("GET", "/rsv/v1/hotels/" + HOTEL + "/reservations/([0-9]+)", (r, m) -> Reply.json(200, reservation(m.group(1))));
        on("GET", "/rsv/v1/hotels/" + HOTEL + "/reservations", (r, m) -> {
            // rsv.json getReservations: limit/offset paging, hasMore/totalResults beside the page; searchType=InHouse
            // for the guests in house, otherwise the arrival dates
            String query = String.valueOf(r.query());
            int limit = intParameter(query, "limit", 20);
            int offset = intParameter(query, "offset", 0);
            boolean inHouse = query.contains("searchType=InHouse");
            java.util.List<String> matching = statuses.entrySet().stream().filter(e -> inHouse == "InHouse".equals(e.getValue()))
                    .map(Map.Entry::getKey).sorted().toList();
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ObjectNode reservations = answer.putObject("reservations");
            ArrayNode infos = reservations.putArray("reservationInfo");
            for (String id : matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()))) {
                JsonNode full = reservation(id).at("/reservations/reservation/0");
                ObjectNode info = infos.addObject();
                info.set("reservationIdList", full.path("reservationIdList"));
                info.put("reservationStatus", statuses.get(id));
                info.put("hotelId", HOTEL);
            }
            reservations.put("hasMore", offset + limit < matching.size()).put("count", infos.size()).put("totalResults", matching.size())
                    .put("offset", offset).put("limit", limit);
            return Reply.json(200, answer);
        });
    }

    private static int intParameter(String query, String name, int otherwise) {
        Matcher value = Pattern.compile("(?:^|&)" + name + "=([0-9]+)").matcher(query);
        return value.find() ? Integer.parseInt(value.group(1)) : otherwise;
    }

    /** A NEW RESERVATION business event for {@code reservation}, queued; the reservation becomes {@code status} (Reserved). */
    public void reservationEvent(String reservation) {
        reservationEvent(reservation, "NEW RESERVATION", "Reserved");
    }

    public void reservationEvent(String reservation, String actionType, String status) {
        statuses.put(reservation, status);
        ObjectNode event = template("business-event.new-reservation.json");
        long id = eventIds.incrementAndGet();
        ObjectNode header = (ObjectNode) event.at("/businessEvent/header");
        header.put("actionType", actionType).put("primaryKey", reservation).put("actionId", id).put("hotelId", HOTEL)
                .put("createdDateTime", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' ') + ".0");
        ((ObjectNode) event.path("businessEventId")).put("id", String.valueOf(id));
        queue.add(event);
    }

    /** A reservation OPERA has, whose events never came (a page lost in flight). */
    public void reservationOnly(String reservation, String status) {
        statuses.put(reservation, status);
    }

    /** The next non-empty page is dequeued and then held: {@link #awaitHeld} returns once it is, {@link #release} lets it go. */
    public void holdNextPage() {
        pageHeld = new CountDownLatch(1);
        holdNextPage = new CountDownLatch(1);
    }

    /** Lets a held page's answer go (to a client that is no longer there). */
    public void release() {
        CountDownLatch hold = holdNextPage;
        if (hold != null) {
            hold.countDown();
        }
    }

    public boolean awaitHeld(long seconds) throws InterruptedException {
        return pageHeld.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Takes the next queued event out, as a GET would. */
    public JsonNode take() {
        return queue.poll();
    }

    public int queued() {
        return queue.size();
    }

    public int dequeued() {
        return dequeued.get();
    }

    public int polls() {
        return requests("GET", "/int/v1/externalSystem/").size();
    }

    private JsonNode reservation(String id) {
        ObjectNode answer = template("reservation.json");
        ObjectNode r = (ObjectNode) answer.at("/reservations/reservation/0");
        ArrayNode ids = r.putArray("reservationIdList");
        ids.addObject().put("id", id).put("type", "Reservation");
        ids.addObject().put("id", "C" + id).put("type", "Confirmation");
        r.put("reservationStatus", statuses.getOrDefault(id, "Reserved"));
        r.put("hotelId", HOTEL);
        ObjectNode stay = (ObjectNode) r.path("roomStay");
        stay.put("arrivalDate", LocalDate.now().plusDays(3).toString()).put("departureDate", LocalDate.now().plusDays(5).toString());
        ((ObjectNode) r.at("/reservationGuests/0/profileInfo/profile/emails/emailInfo/0/email")).put("emailAddress", "g" + id + "@example.co.uk");
        return answer;
    }

    private static ObjectNode template(String name) {
        try (InputStream in = OperaStub.class.getResourceAsStream("/ohip/" + name)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** The hub's configuration for this stub, polling every two seconds. */
    public Map<String, String> hubConfig() {
        return Map.of("hub.sources.opera.gateway-url", url(), "hub.sources.opera.app-key", APP_KEY, "hub.sources.opera.client-id", CLIENT,
                "hub.sources.opera.client-secret", SECRET, "hub.sources.opera.scope", SCOPE, "hub.sources.opera.hotel-id", HOTEL,
                "hub.sources.opera.external-system-code", SYSTEM, "hub.sources.opera.page-size", "2", "hub.polling.cron", "0/2 * * * * ?");
    }
}
