package org.wifionboarding.hub.connect.cloudbeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * Reconciliation for Cloudbeds: {@code GET /api/v1.2/getReservations?modifiedFrom=&modifiedTo=}, page by page.
 *
 * <p>Cloudbeds does not say which zone it reads {@code modifiedFrom} in (the spec types it as an RFC 3339 date-time, which
 * the hub sends in UTC, but its tech-spec page shows zone-less local times) nor the zone of {@code dateModified}, so the window
 * is widened by 14 hours on both sides (every UTC offset fits) and no change is given a version: the hub
 * orders a Cloudbeds booking's changes by the webhooks' own timestamps, which {@code dateModified} cannot be
 * compared with. Reconciliation therefore feeds the reservations the hub has never seen (a lost
 * {@code reservation/created}: the guest would get no credential at all) and those whose status the hub's
 * credential does not match (a lost check-in, check-out or cancellation); a lost change of dates alone is not
 * detected. Reservations not yet confirmed are left out: they make no credential.
 */
final class CloudbedsReconciliation implements SourceConnector.Reconciliation {

    static final Duration ZONE_MARGIN = Duration.ofHours(14);
    private static final int PAGE = 100;
    /**
     * pms-v1.2-openapi.yaml declares {@code modifiedFrom}/{@code modifiedTo} as {@code format: date-time} (RFC 3339), while the
     * "Tech Specs" page shows {@code YYYY-MM-DD HH:MM:SS}: the machine-readable contract is followed, in UTC with its {@code Z}.
     */
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final String api;
    private final String key;
    private final VendorHttp http;

    CloudbedsReconciliation(String api, String key, VendorHttp http) {
        this.api = api;
        this.key = key;
        this.http = http;
    }

    @Override
    public List<SourceConnector.Change> changedBetween(Instant from, Instant to) {
        List<SourceConnector.Change> changes = new ArrayList<>();
        for (int page = 1; ; page++) {
            String url = api + "/api/v1.2/getReservations?modifiedFrom=" + URLEncoder.encode(WIRE.format(from.minus(ZONE_MARGIN)), StandardCharsets.UTF_8)
                    + "&modifiedTo=" + URLEncoder.encode(WIRE.format(to.plus(ZONE_MARGIN)), StandardCharsets.UTF_8)
                    + "&pageNumber=" + page + "&pageSize=" + PAGE;
            VendorHttp.Response response = http.send("GET", url, Map.of("x-api-key", key), null);
            if (!response.ok() || !response.json().path("success").asBoolean(false)) {
                throw http.refused("GET", url, response);
            }
            JsonNode data = response.json().path("data");
            for (JsonNode reservation : data) {
                org.wifionboarding.hub.model.EventType type;
                try {
                    type = org.wifionboarding.hub.mapping.cloudbeds.CloudbedsMapper.type(reservation.path("status").asText());
                } catch (org.wifionboarding.hub.model.InvalidBookingException unknown) {
                    continue;
                }
                if (type != null) {
                    // no comparable version, but the state: a reservation never seen, or one whose state the hub missed
                    changes.add(new SourceConnector.Change(reservation.path("reservationID").asText(), null, type));
                }
            }
            if (data.size() < PAGE) {
                return changes;
            }
        }
    }

    @Override
    public JsonNode notification(List<String> bookingIds) {
        // Cloudbeds' own event shape; the reservation's current state is fetched as for any webhook
        ObjectNode webhook = Json.MAPPER.createObjectNode().put("version", "1.0").put("event", "reservation/created")
                .put("reservationID", bookingIds.get(0));
        webhook.put("timestamp", BigDecimal.valueOf(System.currentTimeMillis()).movePointLeft(3));
        return webhook;
    }
}
