package org.wifionboarding.hub.mapping.mews;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wifionboarding.hub.mapping.BookingSourceMapper;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Mews Connector API general webhooks. The webhook is thin: {@code ServiceOrderUpdated} entries name
 * reservation ids, which the Mews connector fetches with {@code reservations/getAll/2023-06-06} and
 * {@code customers/getAll}; the fetched JSON ({@code {"Reservations": [...], "Customers": [...]}}) is
 * what {@link #map} reads. Other discriminators are ignored and counted. Mews sends no event id, so
 * the hub de-duplicates on a hash of the body.
 */
public final class MewsMapper implements BookingSourceMapper {

    static final String RESERVATION_EVENT = "ServiceOrderUpdated";

    @Override
    public String source() {
        return "mews";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        return Optional.empty();
    }

    @Override
    public Notification inspect(JsonNode payload) {
        Set<String> ids = new LinkedHashSet<>();   // an "added" entity is also sent as "updated": fetch once
        int ignored = 0;
        for (JsonNode event : payload.path("Events")) {
            String id = text(event, "/Value/Id");
            if (RESERVATION_EVENT.equals(text(event, "/Discriminator")) && id != null) {
                ids.add(id);
            } else {
                ignored++;
            }
        }
        return new Notification(List.copyOf(ids), ignored);
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode enrichment) {
        if (enrichment == null) {
            return List.of();
        }
        Map<String, JsonNode> customers = new HashMap<>();
        for (JsonNode customer : enrichment.path("Customers")) {
            customers.put(customer.path("Id").asText(), customer);
        }
        List<BookingEvent> events = new ArrayList<>();
        for (JsonNode reservation : enrichment.path("Reservations")) {
            EventType type = type(required(reservation, "/State"));
            if (type == null) {
                continue;   // Inquired, Requested, Optional: no credential yet
            }
            String id = required(reservation, "/Id");
            String updated = required(reservation, "/UpdatedUtc");
            String owner = Optional.ofNullable(text(reservation, "/AccountId")).orElse(text(reservation, "/CustomerId"));
            JsonNode customer = owner == null ? null : customers.get(owner);
            if (customer == null) {
                throw new InvalidBookingException("Reservations.AccountId", "names no customer that Mews returned");
            }
            events.add(new BookingEvent(hubEventId + ":" + id, source(), id + "@" + updated, type,
                    Instant.parse(updated), updated, text(reservation, "/EnterpriseId"), id, BookingKind.STAY,
                    required(reservation, "/ScheduledStartUtc"), required(reservation, "/ScheduledEndUtc"), null,
                    guest(customer)));
        }
        return events;
    }

    static EventType type(String state) {
        return switch (state) {
            case "Confirmed" -> EventType.CONFIRMED;
            case "Started" -> EventType.CHECKED_IN;
            case "Processed" -> EventType.CHECKED_OUT;
            case "Canceled" -> EventType.CANCELLED;
            case "Inquired", "Requested", "Optional" -> null;
            default -> throw new InvalidBookingException("Reservations.State", "is not a known Mews state: " + state);
        };
    }

    private static Guest guest(JsonNode customer) {
        String name = String.join(" ", nonNull(text(customer, "/FirstName"), text(customer, "/LastName"))).trim();
        String language = text(customer, "/LanguageCode");
        return new Guest(text(customer, "/Id"), name.isEmpty() ? null : name, text(customer, "/Email"),
                e164(text(customer, "/Phone")), language == null ? null : language.substring(0, 2).toLowerCase(Locale.ROOT),
                null);
    }

    private static List<String> nonNull(String... parts) {
        List<String> list = new ArrayList<>();
        for (String part : parts) {
            if (part != null) {
                list.add(part);
            }
        }
        return list;
    }

    /** Mews keeps phones as typed ("+33 6 12 34 56 78"); keep only those that are E.164 once spaces go. */
    static String e164(String phone) {
        if (phone == null) {
            return null;
        }
        String compact = phone.replaceAll("[\\s().-]", "");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return compact.matches("\\+[1-9]\\d{6,14}") ? compact : null;
    }
}
