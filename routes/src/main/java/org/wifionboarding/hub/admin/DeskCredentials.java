package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import org.apache.camel.Exchange;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.email.WifiQrCode;
import org.wifionboarding.hub.ingest.EventIdentity;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.lifecycle.BookingLifecycle;
import org.wifionboarding.hub.lifecycle.LifecycleOutcome;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.model.InvalidBookingException;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.DurableCommits;

/**
 * {@code POST /api/credentials}: a credential the front desk issues by hand when automation cannot (the booking system
 * is down, a walk-in, a guest whose message never arrived). It becomes a booking of the built-in source {@code desk}:
 * provisioned on the venue's target like any other, activated with the stay, revoked at departure, purged with the
 * rest. The answer shows the credential once (passphrase and, for a PSK, the join QR code as a PNG data URI); the
 * admin API never shows it again.
 */
public final class DeskCredentials {

    /** The built-in source of credentials issued by hand. */
    public static final String SOURCE = "desk";
    private static final Set<String> FIELDS = Set.of("venueId", "room", "arrival", "departure", "guest");
    private static final Set<String> GUEST_FIELDS = Set.of("name", "email", "phone", "language");
    private static final String ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BookingLifecycle lifecycle;
    private final VenueDirectory venues;
    private final AtRestCipher cipher;
    private final DurableCommits durable;
    private final Clock clock;
    private final org.wifionboarding.hub.store.AuditLog audit;

    public DeskCredentials(BookingLifecycle lifecycle, VenueDirectory venues, AtRestCipher cipher,
                           DurableCommits durable, Clock clock, org.wifionboarding.hub.store.AuditLog audit) {
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.venues = venues;
        this.cipher = cipher;
        this.durable = durable;
        this.clock = clock;
    }

    /**
     * Checks the request, applies it as a booking, and leaves the booking's key as the body (with the group id) for the
     * provisioning message the route sends next unless the credential was made with the booking; the answer waits in a
     * property.
     */
    public void issue(Exchange exchange) {
        JsonNode body = AdminRequests.object(exchange.getMessage().getBody(byte[].class), FIELDS);
        String venueId = AdminRequests.text(body, "", "venueId", true, 100);
        Venue venue = venues.all().stream().filter(v -> v.id().equals(venueId)).findFirst()
                .orElseThrow(() -> WebhookRejection.invalidField("venueId", "is not a configured venue"));
        LocalDate arrival = date(body, "arrival");
        LocalDate departure = date(body, "departure");
        if (!departure.isAfter(arrival)) {
            throw WebhookRejection.invalidField("departure", "must be after the arrival");
        }
        String room = AdminRequests.text(body, "", "room", false, 20);
        Guest guest = guest(body.get("guest"));
        // the guest is at the desk: a stay that has begun (in the venue's zone) works at once, a later one from its check-in
        LocalDate today = LocalDate.now(clock.withZone(venue.times().zone()));
        EventType type = arrival.isAfter(today) ? EventType.CONFIRMED : EventType.CHECKED_IN;
        String bookingId = "D" + randomId();
        BookingEvent event = new BookingEvent(EventIdentity.of(SOURCE, bookingId), SOURCE, bookingId, type, clock.instant(), "1",
                venue.id(), bookingId, BookingKind.STAY, arrival.toString(), departure.toString(), room, guest);
        LifecycleOutcome outcome;
        try {
            outcome = lifecycle.issueAtDesk(event);
        } catch (InvalidBookingException e) {
            throw WebhookRejection.invalidField(e.field(), e.reason());
        }
        durable.fence();   // on disk before the credential is shown (embedded H2)
        Booking booking = outcome.booking();   // as the issuing transaction wrote it
        exchange.setProperty(HubHeaders.DESK_ANSWER, answer(booking, venue, outcome.provisioned()));
        exchange.setProperty(HubHeaders.OUTCOME, outcome);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(HubHeaders.SOURCE, SOURCE);
        exchange.getMessage().setHeader(HubHeaders.BOOKING_ID, bookingId);
        exchange.getMessage().setHeader(HubHeaders.GROUP_ID, outcome.bookingKey());
        exchange.getMessage().setBody(outcome.bookingKey());
        audit.record(exchange.getProperty(HubHeaders.ACTOR, org.wifionboarding.hub.store.AuditLog.ADMIN, String.class), "issue-credential",
                outcome.bookingKey(), "venue " + venue.id());
    }

    /** 201 with the credential, shown this once, and where the booking can be followed. */
    public void answer(Exchange exchange) {
        ObjectNode answer = exchange.getProperty(HubHeaders.DESK_ANSWER, ObjectNode.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Location", "/api/bookings/" + SOURCE + "/" + answer.path("bookingId").asText());
        exchange.getMessage().setBody(answer.toString());
    }

    /** @param provisioned what the target held when the credential was made with the booking ({@code usable}, {@code made}), or null */
    private ObjectNode answer(Booking b, Venue venue, String provisioned) {
        ObjectNode view = Json.MAPPER.createObjectNode().put("source", SOURCE).put("bookingId", b.bookingId).put("venueId", b.venueId)
                .put("kind", b.credentialKind).put("state", b.state.name()).put("ssid", venue.ssid())
                .put("validFrom", b.validFrom.toString()).put("validUntil", b.validUntil.toString());
        String passphrase = b.passphraseEnc == null ? null : cipher.decryptText(b.passphraseEnc);
        if (CredentialKind.RADIUS_ACCOUNT.configName().equals(b.credentialKind)) {
            view.put("username", b.username);
        }
        view.put("passphrase", passphrase);   // null for a voucher: the controller makes the code when provisioning runs
        if (passphrase != null && CredentialKind.PSK.configName().equals(b.credentialKind) && venue.ssid() != null) {
            view.put("qr", "data:image/png;base64," + Base64.getEncoder().encodeToString(
                    WifiQrCode.png(WifiQrCode.payload(venue.ssid(), passphrase), 300)));
        }
        view.put("provisioning", "usable".equals(provisioned) ? "done: the credential works now"
                : "made".equals(provisioned) ? "done: the credential works from " + b.usableFrom()
                : "the credential works once GET /api/bookings/" + SOURCE + "/" + b.bookingId + " shows provisioning.state OK");
        return view;
    }

    private static Guest guest(JsonNode guest) {
        if (guest == null || guest.isNull()) {
            return null;
        }
        if (!guest.isObject()) {
            throw WebhookRejection.invalidField("guest", "must be an object");
        }
        AdminRequests.onlyFields(guest, GUEST_FIELDS, "guest.");
        return new Guest(null, AdminRequests.text(guest, "guest.", "name", false, 200), AdminRequests.email(guest, "guest.", "email"),
                AdminRequests.phone(guest, "guest.", "phone"), AdminRequests.text(guest, "guest.", "language", false, 35), null);
    }

    private static LocalDate date(JsonNode body, String field) {
        String text = AdminRequests.text(body, "", field, true, 10);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw WebhookRejection.invalidField(field, "is not a date (YYYY-MM-DD)");
        }
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
