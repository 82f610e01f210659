package org.wifionboarding.hub.connect.apaleo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.auth.BasicAuthenticator;
import org.wifionboarding.hub.connect.auth.WebhookAuthenticator;
import org.wifionboarding.hub.connect.http.CachedToken;
import org.wifionboarding.hub.connect.http.VendorHttp;

/**
 * Apaleo: webhooks with Basic auth; the reservation fetched from the booking API
 * ({@code GET /booking/v1/reservations/{id}}) with an OAuth2 client-credentials token
 * ({@code POST <identity>/connect/token}), cached until a minute before it expires and renewed once on a 401.
 */
public final class ApaleoConnector implements SourceConnector {

    /** The settings, read once. */
    public record Settings(String username, String password, String apiUrl, String identityUrl, String clientId, String clientSecret, String venue) {
    }

    private final Settings settings;
    private final VendorHttp http;
    private final WebhookAuthenticator authenticator;
    private final CachedToken token;

    public ApaleoConnector(Settings settings, VendorHttp http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.authenticator = new BasicAuthenticator(settings.username(), settings.password());
        String url = settings.identityUrl().replaceAll("/+$", "") + "/connect/token";
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
        this.token = new CachedToken(() -> http.sendForm("POST", url, Map.of("Authorization", "Basic " + basic),
                Map.of("grant_type", "client_credentials")), url, http, clock);
    }

    @Override
    public String source() {
        return "apaleo";
    }

    @Override
    public WebhookAuthenticator authenticator() {
        return authenticator;
    }

    @Override
    public String venue() {
        return settings.venue() == null || settings.venue().isBlank() ? null : settings.venue();
    }

    @Override
    public JsonNode fetch(List<String> reservationIds) {
        String url = settings.apiUrl().replaceAll("/+$", "") + "/booking/v1/reservations/"
                + URLEncoder.encode(reservationIds.get(0), StandardCharsets.UTF_8);
        VendorHttp.Response response = http.send("GET", url, Map.of("Authorization", "Bearer " + token.get(false)), null);
        if (response.status() == 401) {
            response = http.send("GET", url, Map.of("Authorization", "Bearer " + token.get(true)), null);
        }
        if (!response.ok()) {
            throw http.refused("GET", url, response);
        }
        return response.json();
    }
}
