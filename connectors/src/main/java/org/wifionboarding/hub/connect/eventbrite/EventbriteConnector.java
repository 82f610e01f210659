package org.wifionboarding.hub.connect.eventbrite;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.wifionboarding.hub.connect.WebhookSource;
import org.wifionboarding.hub.connect.auth.QueryTokenAuthenticator;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Eventbrite: webhooks authenticated by a secret in the registered URL ({@code ?token=}), since Eventbrite
 * signs nothing; what {@code api_url} names is fetched with the organisation's private token: an order with
 * {@code ?expand=attendees,event}, an attendee ({@code attendee.*} actions) with {@code ?expand=event}. The body chooses the URL the hub will call, so the hub refuses (400)
 * any {@code api_url} that is not on the configured Eventbrite API's scheme, host and port, under
 * {@code /v3/}: it never fetches an arbitrary address from a body (SSRF).
 */
public final class EventbriteConnector extends WebhookSource {

    /** The settings, read once. */
    public record Settings(String token, String apiUrl, String privateToken, String venue) {
    }

    private final Settings settings;
    private final URI api;
    private final VendorHttp http;

    public EventbriteConnector(Settings settings, VendorHttp http) {
        super("eventbrite", new QueryTokenAuthenticator("token", settings.token()), settings.venue());
        this.settings = settings;
        this.api = URI.create(settings.apiUrl().replaceAll("/+$", ""));
        this.http = http;
    }




    @Override
    public void validate(JsonNode payload) {
        String apiUrl = Json.text(payload, "/api_url");
        if (apiUrl != null) {
            checked(apiUrl);
        }
    }

    /** The URL if it is the Eventbrite API's; otherwise the webhook is refused. */
    URI checked(String apiUrl) {
        URI uri;
        try {
            uri = URI.create(apiUrl).normalize();
        } catch (IllegalArgumentException e) {
            throw new InvalidBookingException("api_url", "is not a URL");
        }
        boolean same = api.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                && api.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) && port(api) == port(uri)
                && uri.getUserInfo() == null && uri.getRawPath() != null && uri.getRawPath().startsWith(path(api) + "/v3/")
                && !uri.getRawPath().contains("..");
        if (!same) {
            throw new InvalidBookingException("api_url", "is not on the Eventbrite API (" + api.getHost() + "); the hub only fetches from it");
        }
        return uri;
    }

    @Override
    public JsonNode fetch(List<String> apiUrls) {
        URI uri = checked(apiUrls.get(0));
        // an attendee (attendee.* actions) with its event; an order (order.*) with its attendees and event
        String expand = uri.getRawPath().matches(".*/v3/events/[^/]+/attendees/[^/]+/?") ? "event" : "attendees,event";
        String url = uri.toString() + (uri.getRawQuery() == null ? "?" : "&") + "expand=" + expand;
        VendorHttp.Response response = http.send("GET", url, Map.of("Authorization", "Bearer " + settings.privateToken()), null);
        if (!response.ok()) {
            throw http.refused("GET", url, response);
        }
        return response.json();
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String path(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    }
}
