package org.wifionboarding.hub.reconcile;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wifionboarding.hub.connect.stub.HttpStub;

/**
 * OHIP for OPERA Cloud on loopback: OAuth2 tokens, business events after an offset (a page at a time), and
 * reservations by id, in the shapes the hub reads.
 */
final class OperaStub extends HttpStub {

    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    OperaStub() throws java.io.IOException {
        on("POST", "/oauth/v1/tokens", (r, m) -> Reply.json(200, Map.of("access_token", "ohip-token", "expires_in", 3600)));
        on("GET", "/int/v1/externalSystem/WIFIHUB/businessEvents", (r, m) -> {
            Matcher offset = Pattern.compile("offset=([0-9]+)").matcher(r.query());
            int after = offset.find() ? Integer.parseInt(offset.group(1)) : 0;
            Matcher limit = Pattern.compile("limit=([0-9]+)").matcher(r.query());
            int count = limit.find() ? Integer.parseInt(limit.group(1)) : 20;
            return Reply.json(200, Map.of("businessEvents", events.stream()
                    .filter(e -> Integer.parseInt((String) ((Map<?, ?>) e.get("metadata")).get("offset")) > after).limit(count).toList()));
        });
        on("GET", "/rsv/v1/hotels/HQLON/reservations/([0-9]+)", (r, m) -> Reply.json(200, reservation(m.group(1))));
    }

    void reservationEvent(int offset, String reservation) {
        events.add(Map.of("metadata", Map.of("offset", String.valueOf(offset), "uniqueEventId", "EV-" + offset),
                "moduleName", "Reservation", "eventName", "NEW RESERVATION", "primaryKey", reservation, "hotelId", "HQLON"));
    }

    int polls() {
        return requests("GET", "/int/v1/externalSystem/").size();
    }

    private static Map<String, Object> reservation(String id) {
        Map<String, Object> profile = Map.of(
                "customer", Map.of("personName", List.of(Map.of("givenName", "Guest", "surname", id))),
                "emails", Map.of("emailInfo", List.of(Map.of("email", Map.of("emailAddress", "g" + id + "@example.co.uk")))));
        Map<String, Object> reservation = Map.of(
                "reservationIdList", List.of(Map.of("id", id, "type", "Reservation")),
                "reservationStatus", "Reserved",
                "roomStay", Map.of("arrivalDate", LocalDate.now().plusDays(3).toString(), "departureDate", LocalDate.now().plusDays(5).toString()),
                "reservationGuests", List.of(Map.of("profileInfo", Map.of("profile", profile))));
        return Map.of("reservations", Map.of("reservation", List.of(reservation)));
    }

    /** The hub's configuration for this stub, polling every two seconds. */
    Map<String, String> hubConfig() {
        return Map.of("hub.sources.opera.gateway-url", url(), "hub.sources.opera.app-key", "app-key", "hub.sources.opera.client-id", "hub",
                "hub.sources.opera.client-secret", "secret", "hub.sources.opera.hotel-id", "HQLON", "hub.sources.opera.external-system-code", "WIFIHUB",
                "hub.sources.opera.page-size", "2", "hub.polling.cron", "0/2 * * * * ?");
    }
}
