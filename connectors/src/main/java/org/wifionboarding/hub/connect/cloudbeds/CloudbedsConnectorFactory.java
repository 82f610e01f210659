package org.wifionboarding.hub.connect.cloudbeds;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.connect.WebhookSource;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.auth.QueryTokenAuthenticator;
import org.wifionboarding.hub.connect.http.VendorHttp;

/**
 * Cloudbeds: webhooks carry no signature, so the registered URL holds a secret ({@code ?token=}); the
 * reservation is fetched with {@code GET /api/v1.2/getReservation?reservationID=} and the property's API key.
 * Reconciliation: {@link CloudbedsReconciliation}.
 */
public final class CloudbedsConnectorFactory implements SourceConnectorFactory {

    public static final Option TOKEN = Option.of("hub.sources.cloudbeds.token", "",
            "secret in the webhook URL registered with Cloudbeds (`/webhooks/cloudbeds?token=...`); unset disables the source");
    public static final Option API_URL = Option.of("hub.sources.cloudbeds.api-url", "https://api.cloudbeds.com", "Cloudbeds API (tests point it at a stub)");
    public static final Option API_KEY = Option.of("hub.sources.cloudbeds.api-key", "", "the property's API key (sent as `x-api-key`, the scheme pms-v1.2-openapi.yaml declares)");
    public static final Option VENUE = Option.of("hub.sources.cloudbeds.venue", "", "hub venue of these bookings; unset: the Cloudbeds property id");
    public static final Option TIMEOUT = Option.of("hub.sources.cloudbeds.timeout", "PT10S", "timeout of one Cloudbeds call");

    @Override
    public String source() {
        return "cloudbeds";
    }

    @Override
    public List<Option> options() {
        return List.of(TOKEN, API_URL, API_KEY, VENUE, TIMEOUT);
    }

    @Override
    public SourceConnector create(Function<Option, String> config) {
        String token = config.apply(TOKEN);
        if (SourceConnectorFactory.disabled(token)) {
            return null;
        }
        String api = config.apply(API_URL).replaceAll("/+$", "");
        String key = config.apply(API_KEY);
        String venue = config.apply(VENUE);
        VendorHttp http = new VendorHttp("Cloudbeds", SourceUnavailableException::new, Duration.parse(config.apply(TIMEOUT)), false, null,
                Clock.systemUTC());
        return new WebhookSource("cloudbeds", new QueryTokenAuthenticator("token", token), venue) {
            @Override
            public Optional<Reconciliation> reconciliation() {
                return Optional.of(new CloudbedsReconciliation(api, key, http));
            }

            @Override
            public JsonNode fetch(List<String> reservationIds) {
                String url = api + "/api/v1.2/getReservation?reservationID=" + URLEncoder.encode(reservationIds.get(0), StandardCharsets.UTF_8);
                VendorHttp.Response response = http.send("GET", url, Map.of("x-api-key", key), null);
                if (!response.ok() || !response.json().path("success").asBoolean(false)) {
                    throw http.refused("GET", url, response);
                }
                return response.json();
            }
        };
    }
}
