package org.wifionboarding.hub.mapping.mews;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
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
import org.wifionboarding.hub.mapping.Phones;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;

/**
 * Mews Connector API general webhooks ({@code events/wh-general.md}): {@code {EnterpriseId, IntegrationId,
 * Events: [{Discriminator, Value: {Id}}]}}, nothing else. {@code ServiceOrderUpdated} entries name
 * reservations, which the Mews connector fetches ({@code reservations/getAll/2023-06-06}) with the people
 * staying: the owner ({@code customers/getAll}, when {@code AccountType} is {@code Customer}) and the
 * companions ({@code companionships/getAll}); the fetched JSON ({@code {"Reservations", "Customers",
 * "Companionships"}}) is what {@link #mapEach} reads.
 *
 * <p>A webhook carries no event id and no state: a later change to a reservation arrives as the same bytes.
 * So webhooks are not de-duplicated; what changed is identified after the fetch, by the reservation and its
 * {@code UpdatedUtc}, and that identity is the canonical event's id, which lifecycle applies once. The venue is
 * the webhook's {@code EnterpriseId} (a 2023-06-06 reservation has none). Each reservation is mapped on its own:
 * one that cannot be mapped is one review item and the others proceed. A company-owned reservation is given to
 * its companion with an email or phone; with none, the booking is made without a guest, which flags it for the
 * front desk.
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

    /** Identical bytes may be a new change: every webhook is fetched, and the change is identified after the fetch. */
    @Override
    public boolean deduplicates() {
        return false;
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
        Mapped mapped = mapEach(hubEventId, payload, enrichment);
        if (!mapped.refused().isEmpty()) {
            throw mapped.refused().get(0).reason();
        }
        return mapped.events();
    }

    @Override
    public Mapped mapEach(String hubEventId, JsonNode payload, JsonNode enrichment) {
        if (enrichment == null) {
            return new Mapped(List.of(), List.of());
        }
        Map<String, JsonNode> customers = new HashMap<>();
        for (JsonNode customer : enrichment.path("Customers")) {
            customers.put(customer.path("Id").asText(), customer);
        }
        Map<String, List<String>> companions = new HashMap<>();
        for (JsonNode companionship : enrichment.path("Companionships")) {
            String reservation = text(companionship, "/ReservationId");
            String customer = text(companionship, "/CustomerId");
            if (reservation != null && customer != null) {
                companions.computeIfAbsent(reservation, r -> new ArrayList<>()).add(customer);
            }
        }
        String enterprise = text(payload, "/EnterpriseId");
        List<BookingEvent> events = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (JsonNode reservation : enrichment.path("Reservations")) {
            String id = Optional.ofNullable(text(reservation, "/Id")).orElse("?");
            try {
                BookingEvent event = event(reservation, enterprise, customers, companions.getOrDefault(id, List.of()));
                if (event != null) {
                    events.add(event);
                }
            } catch (InvalidBookingException e) {
                refused.add(new Refusal(id, e));
            }
        }
        return new Mapped(events, refused);
    }

    private BookingEvent event(JsonNode reservation, String enterprise, Map<String, JsonNode> customers, List<String> companions) {
        EventType type = type(required(reservation, "/State"));
        if (type == null) {
            return null;   // Inquired, Requested, Optional: no credential yet
        }
        String id = required(reservation, "/Id");
        String updated = required(reservation, "/UpdatedUtc");
        Instant updatedAt;
        try {
            updatedAt = Instant.parse(updated);
        } catch (DateTimeException e) {
            throw new InvalidBookingException("Reservations.UpdatedUtc", "is not a UTC time like 2023-06-06T10:00:00Z");
        }
        // an early check-in or check-out moves the stay: the actual times win over the scheduled ones
        String arrival = Optional.ofNullable(text(reservation, "/ActualStartUtc")).orElse(required(reservation, "/ScheduledStartUtc"));
        String departure = Optional.ofNullable(text(reservation, "/ActualEndUtc")).orElse(required(reservation, "/ScheduledEndUtc"));
        String change = id + "@" + updatedAt;
        return new BookingEvent("mews:" + change, source(), change, type, updatedAt, updatedAt.toString(), enterprise, id,
                BookingKind.STAY, arrival, departure, null, guest(reservation, customers, companions));
    }

    /**
     * Who receives the credential: the owner when the reservation is a customer's; for a company's, its first
     * companion Mews returned with an email or phone (else its first companion); null when nobody can be named.
     */
    private static Guest guest(JsonNode reservation, Map<String, JsonNode> customers, List<String> companions) {
        String accountType = Optional.ofNullable(text(reservation, "/AccountType")).orElse("Customer");
        String owner = Optional.ofNullable(text(reservation, "/AccountId")).orElse(text(reservation, "/CustomerId"));
        if (!"Company".equalsIgnoreCase(accountType) && owner != null && customers.containsKey(owner)) {
            return guest(customers.get(owner));
        }
        JsonNode chosen = null;
        for (String companion : companions) {
            JsonNode customer = customers.get(companion);
            if (customer != null && (reachableEmail(customer) != null || e164(text(customer, "/Phone")) != null)) {
                return guest(customer);
            }
            chosen = chosen == null ? customer : chosen;
        }
        if (chosen != null) {
            return guest(chosen);
        }
        if (!"Company".equalsIgnoreCase(accountType)) {
            throw new InvalidBookingException("Reservations.AccountId", "names no customer that Mews returned");
        }
        return null;   // a company's booking with no companion: the front desk hands the credential out
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
        String language = Optional.ofNullable(text(customer, "/PreferredLanguageCode")).orElse(text(customer, "/LanguageCode"));
        return new Guest(text(customer, "/Id"), name.isEmpty() ? null : name, reachableEmail(customer),
                e164(text(customer, "/Phone")), language == null || language.length() < 2 ? null : language.substring(0, 2).toLowerCase(Locale.ROOT),
                null);
    }

    /** The customer's email, unless Mews marks it as a temporary address an OTA made up ({@code HasOtaEmail}): nobody reads those. */
    private static String reachableEmail(JsonNode customer) {
        return customer.path("HasOtaEmail").asBoolean(false) ? null : text(customer, "/Email");
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

    static String e164(String phone) {
        return Phones.e164(phone);   // typed by people; the hub keeps E.164 only
    }
}
