package org.wifionboarding.hub.mapping.opera;

import static org.wifionboarding.hub.mapping.Json.required;
import static org.wifionboarding.hub.mapping.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * Oracle OPERA Cloud (OHIP) business events, in either of the two shapes Oracle publishes
 * ({@code oracle/hospitality-api-docs}):
 * <ul>
 * <li>from the streaming API ({@code graphql/streaming/StreamingGraphQLSchema.json}, {@code EventHeader}):
 *     {@code {metadata: {offset, uniqueEventId}, moduleName, eventName, primaryKey, timestamp, hotelId, detail: [...]}};
 *     ordered by {@code offset}, de-duplicated on {@code uniqueEventId};</li>
 * <li>from the REST queue ({@code rest-api-specs/property/int.json}, {@code getBusinessEvents}): an entry of
 *     {@code businessEventData}, {@code {businessEvent: {header: {moduleName, actionType, actionId, primaryKey,
 *     createdDateTime, hotelId}, details: [...]}, businessEventId: {id}}}; ordered by {@code createdDateTime},
 *     de-duplicated on {@code businessEventId.id}.</li>
 * </ul>
 * Reservation events name the reservation ({@code primaryKey}) the connector fetches ({@code rsv.json},
 * {@code getReservation}); its {@code reservationStatus} decides the event (all eleven documented values),
 * {@code roomStay.arrivalDate/departureDate} (dates) the window, {@code roomStay.currentRoomInfo.roomId} the room,
 * and the guest is the reservation's {@code primary} guest, named by its {@code Primary} name, reached by its
 * primary email and phone.
 */
public final class OperaMapper implements BookingSourceMapper {

    /** Action types of the reservation module that can change a stay (Oracle's examples show NEW and UPDATE RESERVATION). */
    static final Set<String> RESERVATION_EVENTS = Set.of("NEW RESERVATION", "UPDATE RESERVATION", "CHECK IN", "CHECK OUT",
            "REVERSE CHECK IN", "REVERSE CHECK OUT", "CANCEL RESERVATION", "REINSTATE RESERVATION");

    /** OPERA's one-letter language codes (every published example uses "E"), to ISO 639-1; longer codes pass through. */
    static final Map<String, String> LANGUAGES = Map.of("E", "en", "F", "fr", "G", "de", "D", "de", "S", "es", "I", "it", "P", "pt",
            "N", "nl", "J", "ja", "C", "zh");

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter OPERA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.S][.SS][.SSS]", Locale.ROOT);

    @Override
    public String source() {
        return "opera";
    }

    @Override
    public Optional<String> sourceEventId(JsonNode payload) {
        if (isRest(payload)) {
            return Optional.ofNullable(text(payload, "/businessEventId/id")).or(() -> Optional.ofNullable(text(payload, "/businessEvent/header/actionId"))
                    .map(action -> text(payload, "/businessEvent/header/moduleName") + ":" + action));
        }
        return Optional.ofNullable(text(payload, "/metadata/uniqueEventId"));
    }

    @Override
    public Notification inspect(JsonNode payload) {
        String event = Optional.ofNullable(isRest(payload) ? text(payload, "/businessEvent/header/actionType") : text(payload, "/eventName"))
                .orElse("").trim().toUpperCase(Locale.ROOT);
        String key = isRest(payload) ? text(payload, "/businessEvent/header/primaryKey") : text(payload, "/primaryKey");
        return RESERVATION_EVENTS.contains(event) && key != null ? new Notification(List.of(key), 0) : new Notification(List.of(), 1);
    }

    static boolean isRest(JsonNode payload) {
        return payload.has("businessEvent");
    }

    @Override
    public List<BookingEvent> map(String hubEventId, JsonNode payload, JsonNode fetched) {
        if (fetched == null) {
            return List.of();
        }
        JsonNode r = fetched.at("/reservations/reservation/0");
        if (r.isMissingNode()) {
            r = fetched;
        }
        String id = reservationId(r).orElse(required(payload, isRest(payload) ? "/businessEvent/header/primaryKey" : "/primaryKey"));
        String status = Optional.ofNullable(text(r, "/reservationStatus")).orElse(text(r, "/computedReservationStatus"));
        EventType type = type(status);
        if (type == null) {
            return List.of();   // Requested, Waitlisted: not a stay yet, no credential
        }
        JsonNode header = isRest(payload) ? payload.at("/businessEvent/header") : payload;
        Instant occurred = occurred(isRest(payload) ? text(header, "/createdDateTime") : text(payload, "/timestamp"));
        String hotel = Optional.ofNullable(text(header, "/hotelId")).orElse("opera");
        return List.of(new BookingEvent(hubEventId + ":" + id, source(), sourceEventId(payload).orElseThrow(
                        () -> new InvalidBookingException(isRest(payload) ? "businessEventId.id" : "metadata.uniqueEventId", "is required")),
                type, occurred, version(payload), hotel, id, BookingKind.STAY, required(r, "/roomStay/arrivalDate"),
                required(r, "/roomStay/departureDate"), text(r, "/roomStay/currentRoomInfo/roomId"), guest(r)));
    }

    static EventType type(String status) {
        return OperaStatuses.type(status);
    }

    /**
     * What orders one reservation's events: the stream's {@code offset} (numbers), the queue's {@code createdDateTime}
     * as an ISO local date-time (text that sorts as time); none for an event reconciliation made (it then never stales another).
     */
    static String version(JsonNode payload) {
        if (isRest(payload)) {
            String created = text(payload, "/businessEvent/header/createdDateTime");
            LocalDateTime local = local(created);
            return local == null ? created : VERSION.format(local);
        }
        return text(payload, "/metadata/offset");
    }

    private static Optional<String> reservationId(JsonNode r) {
        for (JsonNode id : r.path("reservationIdList")) {
            if ("Reservation".equalsIgnoreCase(id.path("type").asText())) {
                return Optional.ofNullable(text(id, "/id"));
            }
        }
        return Optional.ofNullable(text(r, "/reservationIdList/0/id"));
    }

    /** OHIP writes times as "2021-07-08 11:15:38.0" without a zone (read as UTC here: only the timeline shows it), or as an ISO instant. */
    static Instant occurred(String value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException notIso) {
            LocalDateTime local = local(value);
            return local == null ? Instant.EPOCH : local.toInstant(ZoneOffset.UTC);
        }
    }

    private static LocalDateTime local(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim(), OPERA_TIME);
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(value.trim());
            } catch (DateTimeException alsoNot) {
                return null;
            }
        }
    }

    private static Guest guest(JsonNode r) {
        JsonNode guests = r.path("reservationGuests");
        JsonNode chosen = first(guests, g -> g.path("primary").asBoolean(false));
        JsonNode profile = chosen.at("/profileInfo/profile");
        JsonNode name = first(profile.at("/customer/personName"), n -> "Primary".equalsIgnoreCase(n.path("nameType").asText()));
        String display = String.join(" ", Optional.ofNullable(text(name, "/givenName")).orElse(""),
                Optional.ofNullable(text(name, "/surname")).orElse("")).trim();
        JsonNode email = first(profile.at("/emails/emailInfo"), e -> e.at("/email/primaryInd").asBoolean(false));
        JsonNode phone = first(profile.at("/telephones/telephoneInfo"), p -> p.at("/telephone/primaryInd").asBoolean(false));
        String language = text(profile, "/customer/language");
        String profileId = null;
        for (JsonNode id : chosen.at("/profileInfo/profileIdList")) {
            if (profileId == null || "Profile".equalsIgnoreCase(id.path("type").asText())) {
                profileId = text(id, "/id");
            }
        }
        if (display.isEmpty() && text(email, "/email/emailAddress") == null && text(phone, "/telephone/phoneNumber") == null && profileId == null) {
            return null;
        }
        return new Guest(profileId, display.isEmpty() ? null : display, text(email, "/email/emailAddress"),
                e164(text(phone, "/telephone/phoneNumber")), language == null ? null : LANGUAGES.getOrDefault(language.toUpperCase(Locale.ROOT),
                language.length() >= 2 ? language.substring(0, 2).toLowerCase(Locale.ROOT) : null), null);
    }

    private static JsonNode first(JsonNode array, java.util.function.Predicate<JsonNode> preferred) {
        for (JsonNode item : array) {
            if (preferred.test(item)) {
                return item;
            }
        }
        return array.size() > 0 ? array.get(0) : MissingNode.getInstance();
    }

    static String e164(String phone) {
        return Phones.e164(phone);   // typed by people; the hub keeps E.164 only
    }
}
