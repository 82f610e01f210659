package org.wifionboarding.hub.connect.opera;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.connect.WebhookSource;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.http.CachedToken;
import org.wifionboarding.hub.connect.http.VendorHttp;

/**
 * Oracle OPERA Cloud through OHIP ({@code oracle/hospitality-api-docs}): no webhooks (every
 * {@code POST /webhooks/opera} is refused); the hub takes the business events of its external system for the
 * hotel from OHIP's queue ({@code GET /int/v1/externalSystem/{extSystemCode}/hotels/{hotelId}/businessEvents?limit=},
 * at most 20, {@code int.json} getBusinessEvents). That call <em>dequeues</em>: there is no offset and no
 * acknowledgement, so the hub stores each page in its database before anything else and before the next call
 * ({@code SourcePolling}), and reconciliation compares the hotel's upcoming and in-house reservations
 * ({@code GET /rsv/v1/hotels/{hotelId}/reservations}) with what the hub knows, for a page lost in flight. Each
 * reservation is fetched by id ({@code GET /rsv/v1/hotels/{hotelId}/reservations/{id}}). OAuth2 client
 * credentials with the assigned {@code scope} ({@code POST /oauth/v1/tokens}, {@code oauth.json}), the
 * application key ({@code x-app-key}) and, in OCIM environments, {@code enterpriseId}. With {@code stream-url}
 * set, the business events come from OHIP's streaming API instead ({@link OperaStream}), from a persisted offset.
 */
public final class OperaConnectorFactory implements SourceConnectorFactory {

    public static final Option GATEWAY = Option.of("hub.sources.opera.gateway-url", "", "OHIP gateway; unset (with client-id) disables the source");
    public static final Option APP_KEY = Option.of("hub.sources.opera.app-key", "", "OHIP application key (`x-app-key`)");
    public static final Option CLIENT_ID = Option.of("hub.sources.opera.client-id", "", "OHIP OAuth2 client id");
    public static final Option CLIENT_SECRET = Option.of("hub.sources.opera.client-secret", "", "OHIP OAuth2 client secret");
    public static final Option HOTEL = Option.of("hub.sources.opera.hotel-id", "", "the OPERA hotel (property) code polled");
    public static final Option SYSTEM = Option.of("hub.sources.opera.external-system-code", "", "the external system the business events are configured for");
    public static final Option PAGE = Option.of("hub.sources.opera.page-size", "20", "business events per call (OHIP gives at most 20)");
    public static final Option SCOPE = Option.of("hub.sources.opera.scope", "",
            "the OAuth2 scope assigned to the hub's OHIP client (required by the `client_credentials` grant)");
    public static final Option ENTERPRISE_ID = Option.of("hub.sources.opera.enterprise-id", "",
            "OHIP `enterpriseId` header of the token request, for OCIM client-credentials environments; unset: not sent");
    public static final Option LOOKAHEAD = Option.of("hub.sources.opera.reconciliation-days", "7",
            "days of arrivals (and today's in-house guests) reconciliation compares with the hub, to recover a queue page lost in flight");
    public static final Option VENUE = Option.of("hub.sources.opera.venue", "", "hub venue of this hotel; unset: the OPERA hotel code");
    public static final Option TIMEOUT = Option.of("hub.sources.opera.timeout", "PT10S", "timeout of one OHIP call");
    public static final Option STREAM_URL = Option.of("hub.sources.opera.stream-url", "",
            "OHIP streaming endpoint (`wss://<gateway>/subscriptions`); set, the hub subscribes to business events "
                    + "(GraphQL over WebSocket) instead of polling them");
    public static final Option CHAIN = Option.of("hub.sources.opera.chain-code", "", "the OPERA chain code the stream subscription names");
    public static final Option STREAM_WINDOW = Option.of("hub.sources.opera.stream-window", "PT10S",
            "how long one stream subscription waits for events before the poller's next turn (keep it under the `hub.polling.cron` period)");

    static final int RESERVATION_PAGE = 100;

    @Override
    public String source() {
        return "opera";
    }

    @Override
    public List<Option> options() {
        return List.of(GATEWAY, APP_KEY, CLIENT_ID, CLIENT_SECRET, SCOPE, ENTERPRISE_ID, HOTEL, SYSTEM, PAGE, VENUE, TIMEOUT, STREAM_URL, CHAIN,
                STREAM_WINDOW, LOOKAHEAD);
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        if (SourceConnectorFactory.disabled(config.apply(GATEWAY)) || SourceConnectorFactory.disabled(config.apply(CLIENT_ID))) {
            return null;
        }
        for (Option required : List.of(CLIENT_SECRET, APP_KEY, SCOPE, HOTEL)) {
            if (config.apply(required).isBlank()) {
                throw new IllegalArgumentException(required.key() + " is required for OPERA Cloud (oauth.json, int.json); refusing to start");
            }
        }
        if (config.apply(STREAM_URL).isBlank() && config.apply(SYSTEM).isBlank()) {
            throw new IllegalArgumentException(SYSTEM.key() + " is required to take business events from OHIP's queue; refusing to start");
        }
        int page = Integer.parseInt(config.apply(PAGE));
        if (page < 1 || page > 20) {
            throw new IllegalArgumentException(PAGE.key() + " must be 1 to 20 (int.json: getBusinessEvents limit, maximum 20)");
        }
        return new Opera(config, new VendorHttp("OPERA Cloud", SourceUnavailableException::new, Duration.parse(config.apply(TIMEOUT)), false, null,
                Clock.systemUTC()));
    }

    private static final class Opera extends WebhookSource {
        private final String gateway;
        private final String appKey;
        private final String clientId;
        private final String clientSecret;
        private final String hotel;
        private final String system;
        private final int page;
        private final VendorHttp http;
        private final CachedToken token;
        private final Poller poller;
        private final int lookahead;

        Opera(Function<Option, String> config, VendorHttp http) {
            super("opera", request -> false, config.apply(VENUE));   // OPERA sends no webhooks: the hub polls
            this.gateway = config.apply(GATEWAY).replaceAll("/+$", "");
            this.appKey = config.apply(APP_KEY);
            this.clientId = config.apply(CLIENT_ID);
            this.clientSecret = config.apply(CLIENT_SECRET);
            this.hotel = config.apply(HOTEL);
            this.system = config.apply(SYSTEM);
            this.page = Integer.parseInt(config.apply(PAGE));
            this.lookahead = Integer.parseInt(config.apply(LOOKAHEAD));
            this.http = http;
            String url = gateway + "/oauth/v1/tokens";
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            Map<String, String> tokenHeaders = new java.util.HashMap<>(Map.of("Authorization", "Basic " + basic, "x-app-key", appKey));
            if (!config.apply(ENTERPRISE_ID).isBlank()) {
                tokenHeaders.put("enterpriseId", config.apply(ENTERPRISE_ID));
            }
            Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", config.apply(SCOPE));
            this.token = new CachedToken(() -> http.sendForm("POST", url, Map.copyOf(tokenHeaders), form), url, http, Clock.systemUTC());
            this.poller = config.apply(STREAM_URL).isBlank() ? this::businessEvents
                    : new OperaStream(config.apply(STREAM_URL), appKey, config.apply(CHAIN), hotel, token::get,
                            Duration.parse(config.apply(STREAM_WINDOW)), Duration.ofMillis(300), page);
        }




        @Override
        public Optional<Poller> poller() {
            return Optional.of(poller);
        }

        /** One page of the hotel's queue; OHIP removes what it returns (there is no cursor: the page is all there is). */
        private Page businessEvents(String cursor) {
            String url = gateway + "/int/v1/externalSystem/" + enc(system) + "/hotels/" + enc(hotel) + "/businessEvents?limit=" + page;
            JsonNode answer = get(url);
            List<JsonNode> events = new ArrayList<>();
            answer.path("businessEventData").forEach(events::add);   // 204: an empty queue, no body
            return new Page(events, cursor, events.size() >= page);
        }

        @Override
        public Optional<Reconciliation> reconciliation() {
            return Optional.of(new Reconciliation() {
                @Override
                public List<Change> changedBetween(java.time.Instant from, java.time.Instant to) {
                    // OHIP offers no "changed since": compare the stays that matter now (arrivals ahead, guests in house) by state
                    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
                    List<Change> changes = new ArrayList<>();
                    String base = gateway + "/rsv/v1/hotels/" + enc(hotel) + "/reservations?limit=" + RESERVATION_PAGE;
                    for (String window : List.of("&arrivalStartDate=" + today.minusDays(1) + "&arrivalEndDate=" + today.plusDays(lookahead),
                            "&searchType=InHouse")) {
                        for (int offset = 0; ; offset += RESERVATION_PAGE) {
                            JsonNode answer = get(base + window + "&offset=" + offset);
                            JsonNode found = answer.at("/reservations/reservationInfo");
                            for (JsonNode reservation : found) {
                                String id = null;
                                for (JsonNode ref : reservation.path("reservationIdList")) {
                                    if (id == null || "Reservation".equalsIgnoreCase(ref.path("type").asText())) {
                                        id = ref.path("id").asText(null);
                                    }
                                }
                                org.wifionboarding.hub.model.EventType type;
                                try {
                                    type = org.wifionboarding.hub.mapping.opera.OperaStatuses.type(reservation.path("reservationStatus").asText(null));
                                } catch (org.wifionboarding.hub.model.InvalidBookingException unknown) {
                                    continue;   // a status OPERA may add later: the queue's event will bring it to review
                                }
                                if (id != null && type != null) {
                                    changes.add(new Change(id, null, type));
                                }
                            }
                            // rsv.json reservationsDetails: the page's hasMore sits beside reservationInfo
                            if (found.isEmpty() || !answer.at("/reservations/hasMore").asBoolean(false)) {
                                break;
                            }
                        }
                    }
                    return changes;
                }

                @Override
                public JsonNode notification(List<String> bookingIds) {
                    // a business event in the stream's shape naming the reservation, without offset or time: it stales nothing
                    com.fasterxml.jackson.databind.node.ObjectNode event = org.wifionboarding.hub.mapping.Json.MAPPER.createObjectNode();
                    event.putObject("metadata").put("offset", "").put("uniqueEventId", "reconcile:" + bookingIds.get(0) + ":"
                            + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
                    event.put("moduleName", "Reservation").put("eventName", "UPDATE RESERVATION").put("primaryKey", bookingIds.get(0))
                            .put("hotelId", hotel).putArray("detail");
                    return event;
                }
            });
        }

        @Override
        public JsonNode fetch(List<String> reservationIds) {
            return get(gateway + "/rsv/v1/hotels/" + enc(hotel) + "/reservations/" + enc(reservationIds.get(0)));
        }

        private JsonNode get(String url) {
            VendorHttp.Response response = http.send("GET", url, headers(false), null);
            if (response.status() == 401) {
                response = http.send("GET", url, headers(true), null);
            }
            if (!response.ok()) {
                throw http.refused("GET", url, response);
            }
            return response.json();
        }

        private Map<String, String> headers(boolean renew) {
            return Map.of("Authorization", "Bearer " + token.get(renew), "x-app-key", appKey, "x-hotelid", hotel);
        }

        private static String enc(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
