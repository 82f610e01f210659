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
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.auth.WebhookAuthenticator;
import org.wifionboarding.hub.connect.http.CachedToken;
import org.wifionboarding.hub.connect.http.VendorHttp;

/**
 * Oracle OPERA Cloud through OHIP: no webhooks (every {@code POST /webhooks/opera} is refused); the hub
 * polls the business events of its external system
 * ({@code GET /int/v1/externalSystem/{code}/businessEvents?hotelId=&limit=&offset=}), persisting the offset
 * it reached, and fetches each reservation ({@code GET /rsv/v1/hotels/{hotelId}/reservations/{id}}). OAuth2
 * client credentials ({@code POST /oauth/v1/tokens}) and the application key ({@code x-app-key}). With
 * {@code stream-url} set, the business events come from OHIP's streaming API instead ({@link OperaStream}).
 */
public final class OperaConnectorFactory implements SourceConnectorFactory {

    public static final Option GATEWAY = Option.of("hub.sources.opera.gateway-url", "", "OHIP gateway; unset (with client-id) disables the source");
    public static final Option APP_KEY = Option.of("hub.sources.opera.app-key", "", "OHIP application key (`x-app-key`)");
    public static final Option CLIENT_ID = Option.of("hub.sources.opera.client-id", "", "OHIP OAuth2 client id");
    public static final Option CLIENT_SECRET = Option.of("hub.sources.opera.client-secret", "", "OHIP OAuth2 client secret");
    public static final Option HOTEL = Option.of("hub.sources.opera.hotel-id", "", "the OPERA hotel (property) code polled");
    public static final Option SYSTEM = Option.of("hub.sources.opera.external-system-code", "", "the external system the business events are configured for");
    public static final Option PAGE = Option.of("hub.sources.opera.page-size", "20", "business events per call (OHIP gives at most 20)");
    public static final Option VENUE = Option.of("hub.sources.opera.venue", "", "hub venue of this hotel; unset: the OPERA hotel code");
    public static final Option TIMEOUT = Option.of("hub.sources.opera.timeout", "PT10S", "timeout of one OHIP call");
    public static final Option STREAM_URL = Option.of("hub.sources.opera.stream-url", "",
            "OHIP streaming endpoint (`wss://<gateway>/subscriptions`); set, the hub subscribes to business events "
                    + "(GraphQL over WebSocket) instead of polling them");
    public static final Option CHAIN = Option.of("hub.sources.opera.chain-code", "", "the OPERA chain code the stream subscription names");
    public static final Option STREAM_WINDOW = Option.of("hub.sources.opera.stream-window", "PT10S",
            "how long one stream subscription waits for events before the poller's next turn (keep it under the `hub.polling.cron` period)");

    @Override
    public String source() {
        return "opera";
    }

    @Override
    public List<Option> options() {
        return List.of(GATEWAY, APP_KEY, CLIENT_ID, CLIENT_SECRET, HOTEL, SYSTEM, PAGE, VENUE, TIMEOUT, STREAM_URL, CHAIN, STREAM_WINDOW);
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        if (config.apply(GATEWAY).isBlank() || config.apply(CLIENT_ID).isBlank()) {
            return null;
        }
        return new Opera(config, new VendorHttp("OPERA Cloud", SourceUnavailableException::new, Duration.parse(config.apply(TIMEOUT)), false, null,
                Clock.systemUTC()));
    }

    private static final class Opera implements SourceConnector {
        private final String gateway;
        private final String appKey;
        private final String clientId;
        private final String clientSecret;
        private final String hotel;
        private final String system;
        private final int page;
        private final String venue;
        private final VendorHttp http;
        private final CachedToken token;
        private final Poller poller;

        Opera(Function<Option, String> config, VendorHttp http) {
            this.gateway = config.apply(GATEWAY).replaceAll("/+$", "");
            this.appKey = config.apply(APP_KEY);
            this.clientId = config.apply(CLIENT_ID);
            this.clientSecret = config.apply(CLIENT_SECRET);
            this.hotel = config.apply(HOTEL);
            this.system = config.apply(SYSTEM);
            this.page = Integer.parseInt(config.apply(PAGE));
            this.venue = config.apply(VENUE);
            this.http = http;
            String url = gateway + "/oauth/v1/tokens";
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            this.token = new CachedToken(() -> http.sendForm("POST", url, Map.of("Authorization", "Basic " + basic, "x-app-key", appKey),
                    Map.of("grant_type", "client_credentials")), url, http, Clock.systemUTC());
            this.poller = config.apply(STREAM_URL).isBlank() ? this::businessEvents
                    : new OperaStream(config.apply(STREAM_URL), appKey, config.apply(CHAIN), hotel, token::get,
                            Duration.parse(config.apply(STREAM_WINDOW)), Duration.ofMillis(300), page);
        }

        @Override
        public String source() {
            return "opera";
        }

        @Override
        public WebhookAuthenticator authenticator() {
            return request -> false;   // OPERA sends no webhooks: the hub polls
        }

        @Override
        public String venue() {
            return venue.isBlank() ? null : venue;
        }

        @Override
        public Optional<Poller> poller() {
            return Optional.of(poller);
        }

        private Page businessEvents(String cursor) {
            String url = gateway + "/int/v1/externalSystem/" + enc(system) + "/businessEvents?hotelId=" + enc(hotel) + "&limit=" + page
                    + (cursor == null ? "" : "&offset=" + enc(cursor));
            JsonNode answer = get(url);
            List<JsonNode> events = new ArrayList<>();
            answer.path("businessEvents").forEach(events::add);
            String next = events.isEmpty() ? cursor : events.get(events.size() - 1).at("/metadata/offset").asText(cursor);
            return new Page(events, next, events.size() >= page);
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
