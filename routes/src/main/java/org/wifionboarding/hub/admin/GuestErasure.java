package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.AuditLog;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.ReviewStore;

/**
 * {@code POST /api/erasure} {@code {"email"} | {"phone"}, "revokeCredentials"?}: a guest's request to be forgotten.
 * Every booking whose guest has that email address (any case) or phone number loses its guest data, and a message still
 * to be sent is cancelled; review items whose kept payload names it lose their payload. Credentials keep working unless
 * {@code revokeCredentials} is true (then they are revoked and removed from the network). The answer and the audit
 * entry carry counts only. Guest data is stored encrypted and never indexed, so the search decrypts each booking's in
 * memory: an admin operation, not a hot path.
 */
public final class GuestErasure {

    private static final Set<String> FIELDS = Set.of("email", "phone", "revokeCredentials");

    private final BookingStore bookings;
    private final ReviewStore review;
    private final AtRestCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public GuestErasure(BookingStore bookings, ReviewStore review, AtRestCipher cipher, AuditLog audit, Clock clock) {
        this.bookings = bookings;
        this.review = review;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an erasure did: how many bookings lost their guest data, how many kept payloads theirs, and the bookings whose
     * credentials were revoked (each still to be removed from the network by its provisioning).
     */
    public record Erasure(int bookings, int reviewItems, List<BookingRef> revoked) {

        public Erasure {
            revoked = List.copyOf(revoked);
        }

        /** The API's answer: counts only. */
        public String answer() {
            return Json.MAPPER.createObjectNode().put("bookings", bookings).put("reviewItems", reviewItems).put("credentialsRevoked", revoked.size())
                    .toString();
        }
    }

    /**
     * Erases what the request names, on behalf of {@code actor} (the audit trail's who; {@code admin} when unknown).
     *
     * @throws WebhookRejection naming the field, for a request that names both, neither or something else
     */
    public Erasure erase(@Body byte[] requestBody, @ExchangeProperty(HubHeaders.ACTOR) String actor) {
        JsonNode request = AdminRequests.object(requestBody, FIELDS);
        String typedEmail = AdminRequests.email(request, "", "email");
        String email = typedEmail == null ? null : typedEmail.toLowerCase(Locale.ROOT);
        String phone = AdminRequests.phone(request, "", "phone");   // E.164, as the hub keeps guests' numbers
        if ((email == null) == (phone == null)) {
            throw WebhookRejection.invalidField(email != null ? "phone" : "email",
                    email != null ? "give an email address or a phone number, not both" : "an email address or a phone number is required");
        }
        if (request.has("revokeCredentials") && !request.get("revokeCredentials").isBoolean()) {
            throw WebhookRejection.invalidField("revokeCredentials", "must be true or false");
        }
        boolean revoke = request.path("revokeCredentials").asBoolean(false);

        List<BookingRef> matching = new ArrayList<>();
        bookings.eachWithGuestData(sealed -> {
            Guest guest = guest(sealed.guestEnc());
            if (guest != null && (email != null && guest.email() != null && guest.email().trim().toLowerCase(Locale.ROOT).equals(email)
                    || phone != null && phone.equals(guest.phone()))) {
                matching.add(BookingRef.of(sealed.source(), sealed.bookingId()));
            }
        });
        List<BookingRef> revoked = new ArrayList<>();
        for (BookingRef ref : matching) {
            if (bookings.erase(ref.source(), ref.bookingId(), revoke, clock.instant())) {
                revoked.add(ref);
            }
        }
        int payloads = review.erasePayloads(payload -> {
            String text = new String(payload, StandardCharsets.UTF_8);
            return email != null && text.toLowerCase(Locale.ROOT).contains(email)
                    || phone != null && (text.contains(phone) || phone.startsWith("+") && text.contains(phone.substring(1)));
        });
        String counts = matching.size() + " booking(s), " + payloads + " review payload(s), " + revoked.size() + " credential(s) revoked";
        audit.record(actor == null ? AuditLog.ADMIN : actor, "erase-guest-data", email != null ? "by email" : "by phone", counts);
        return new Erasure(matching.size(), payloads, revoked);
    }

    private Guest guest(byte[] sealed) {
        try {
            return Json.MAPPER.readValue(cipher.decrypt(sealed), Guest.class);
        } catch (IOException | RuntimeException unreadable) {
            return null;   // a row sealed with another key is not this guest's to judge; it stays as it is
        }
    }
}
