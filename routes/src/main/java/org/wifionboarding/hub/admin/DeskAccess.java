package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;

/**
 * The front desk: a page ({@code /desk}) and a narrow API ({@code /desk/api/**}) behind its own token
 * ({@code hub.desk.token}): look a booking up, resend its credential, issue one by hand. No review items, dead letters,
 * replays or erasure: those stay behind the admin token. The page is static (plain HTML, CSS and JavaScript served by
 * the hub, nothing fetched from elsewhere), in English and French.
 */
public final class DeskAccess {

    private static final String ASSETS = "/org/wifionboarding/hub/desk/";
    private static final Map<String, String> FILES = Map.of("desk.js", "text/javascript; charset=utf-8", "desk.css", "text/css; charset=utf-8");
    private static final Set<String> HIDDEN_VENUES = Set.of(VenueDirectory.DEFAULT);

    /** The actor of the desk token in the audit trail. */
    public static final String ACTOR = "desk";

    private final TokenGate gate;
    private final VenueDirectory venues;
    private final String base;

    /**
     * @param token {@code hub.desk.token}; blank: the desk is off
     * @param pathPrefix {@code hub.http.path-prefix} in its normal form, so the page finds its assets and API behind a proxy
     */
    public DeskAccess(String token, VenueDirectory venues, String pathPrefix) {
        this.gate = token == null || token.isBlank() ? null : new TokenGate(token, ACTOR, "the front desk needs its token");
        this.venues = venues;
        this.base = pathPrefix + "/desk";
    }

    /** The desk token, compared in constant time; 404 when the desk is off, 401 otherwise. */
    public void authorize(Exchange exchange) {
        if (gate == null) {
            throw new WebhookRejection(Problem.of(404, "Not found", "the front desk is off: set hub.desk.token"), false);
        }
        gate.authorize(exchange);
    }

    /** {@code GET /desk}: the page, with its base path filled in. */
    public void page(Exchange exchange) throws IOException {
        String html = resource("index.html").replace("{{base}}", base);
        answer(exchange, "text/html; charset=utf-8", html);
    }

    /** {@code GET /desk/assets/{file}}: the page's script and style sheet. */
    public void asset(Exchange exchange) throws IOException {
        String file = exchange.getMessage().getHeader("file", String.class);
        if (file == null || !FILES.containsKey(file)) {
            throw new WebhookRejection(Problem.of(404, "Not found", "no such file"), false);
        }
        answer(exchange, FILES.get(file), resource(file));
    }

    /** {@code GET /desk/api/venues}: what the issue form offers (id, name, credential kind; nothing secret). */
    public void venues(Exchange exchange) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Venue venue : venues.all()) {
            if (!HIDDEN_VENUES.contains(venue.id()) || venues.all().size() == 1) {
                list.addObject().put("id", venue.id()).put("name", venue.name()).put("credential", venue.credential().configName())
                        .put("timezone", venue.times().zone().getId());
            }
        }
        answer(exchange, "application/json", Json.MAPPER.createObjectNode().set("items", list).toString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DeskAccess.class.getResourceAsStream(ASSETS + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(Exchange exchange, String type, String body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
        exchange.getMessage().setBody(body);
    }
}
