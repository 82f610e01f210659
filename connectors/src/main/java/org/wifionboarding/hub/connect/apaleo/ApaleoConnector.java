package org.wifionboarding.hub.connect.apaleo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.wifionboarding.hub.connect.WebhookSource;
import org.wifionboarding.hub.connect.auth.BasicAuthenticator;
import org.wifionboarding.hub.connect.http.CachedToken;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * Apaleo: webhooks with Basic auth; the reservation fetched from the booking API
 * ({@code GET /booking/v1/reservations/{id}}) with an OAuth2 client-credentials token
 * ({@code POST <identity>/connect/token}), cached until a minute before it expires and renewed once on a 401.
 * Reconciliation lists the reservations modified in a window, so a webhook Apaleo gave up on still counts.
 */
public final class ApaleoConnector extends WebhookSource {

    /** The settings, read once. */
    public record Settings(String username, String password, String apiUrl, String identityUrl, String clientId, String clientSecret, String venue) {
    }

    private static final int PAGE = 200;

    private final Settings settings;
    private final VendorHttp http;
    private final CachedToken token;

    public ApaleoConnector(Settings settings, VendorHttp http, Clock clock) {
        super("apaleo", new BasicAuthenticator(settings.username(), settings.password()), settings.venue());
        this.settings = settings;
        this.http = http;
        String url = settings.identityUrl().replaceAll("/+$", "") + "/connect/token";
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
        this.token = new CachedToken(() -> http.sendForm("POST", url, Map.of("Authorization", "Basic " + basic),
                Map.of("grant_type", "client_credentials")), url, http, clock);
    }




    @Override
    public JsonNode fetch(List<String> reservationIds) {
        return get(settings.apiUrl().replaceAll("/+$", "") + "/booking/v1/reservations/"
                + URLEncoder.encode(reservationIds.get(0), StandardCharsets.UTF_8)).json();
    }

    /**
     * The reservations modified in the window ({@code GET /booking/v1/reservations?dateFilter=Modification}, oldest
     * change first, page by page; 204 is an empty page), each with its {@code modified} time: the version the
     * mapper gives the booking, so the hub can tell which of them it has not seen.
     */
    @Override
    public Optional<Reconciliation> reconciliation() {
        return Optional.of(new Reconciliation() {
            @Override
            public List<Change> changedBetween(Instant from, Instant to) {
                List<Change> changes = new ArrayList<>();
                for (int page = 1; ; page++) {
                    VendorHttp.Response response = get(settings.apiUrl().replaceAll("/+$", "") + "/booking/v1/reservations?dateFilter=Modification"
                            + "&from=" + URLEncoder.encode(wholeSeconds(from), StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(wholeSeconds(to), StandardCharsets.UTF_8)
                            + "&sort=updated:asc&pageNumber=" + page + "&pageSize=" + PAGE);
                    JsonNode reservations = response.status() == 204 || response.json() == null ? null : response.json().path("reservations");
                    if (reservations == null || reservations.isEmpty()) {
                        return changes;
                    }
                    for (JsonNode reservation : reservations) {
                        String modified = reservation.path("modified").asText(null);
                        changes.add(new Change(reservation.path("id").asText(), modified == null ? null : OffsetDateTime.parse(modified).toInstant().toString()));
                    }
                    if (reservations.size() < PAGE) {
                        return changes;
                    }
                }
            }

            @Override
            public JsonNode notification(List<String> bookingIds) {
                // the shape of Apaleo's own reservation webhook, so it takes the normal path from here
                ObjectNode webhook = Json.MAPPER.createObjectNode().put("topic", "Reservation").put("type", "changed")
                        .put("id", "reconciliation-" + UUID.randomUUID()).put("timestamp", System.currentTimeMillis());
                webhook.putObject("data").put("entityId", bookingIds.get(0));
                return webhook;
            }
        });
    }

    private VendorHttp.Response get(String url) {
        VendorHttp.Response response = http.send("GET", url, Map.of("Authorization", "Bearer " + token.get(false)), null);
        if (response.status() == 401) {
            response = http.send("GET", url, Map.of("Authorization", "Bearer " + token.get(true)), null);
        }
        if (!response.ok()) {
            throw http.refused("GET", url, response);
        }
        return response;
    }

    /**
     * Apaleo's date-times are "without fractional second part" (booking-v1, {@code from}/{@code to} of
     * {@code GET /booking/v1/reservations}): down to the second; the reconciliation overlap covers what that drops.
     */
    static String wholeSeconds(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
