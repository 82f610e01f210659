package org.wifionboarding.hub.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.wifionboarding.hub.Announce;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.CredentialState;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * What a stage says happened to a booking, as candidate lifecycle events for {@code hub.lifecycle-events}. A stage
 * names what it did ({@link HubHeaders#ANNOUNCE}); this reads the booking as it now is and says which transitions that
 * makes (from the booking as the stage's transaction wrote it, when the stage passes it on, else as it is read now). A
 * stage may say the same thing again (a redelivery, a repeated reconcile): the publish stage keeps one event per
 * transition. No personal data: ids, venue, window, state.
 */
public final class Announcements {

    private final BookingStore store;
    private final Clock clock;

    public Announcements(BookingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<String> candidates(@Header(HubHeaders.SOURCE) String source, @Header(HubHeaders.BOOKING_ID) String bookingId,
                                   @ExchangeProperty(HubHeaders.ANNOUNCE) String said,
                                   @ExchangeProperty(HubHeaders.ANNOUNCED_BOOKING) Booking applied) {
        Booking b = source == null || bookingId == null || said == null ? null
                : applied != null && applied.source.equals(source) && applied.bookingId.equals(bookingId) ? applied
                : store.find(source, bookingId).orElse(null);
        if (b == null || b.state == null || b.state == CredentialState.NONE) {
            return List.of();
        }
        List<String> candidates = new ArrayList<>();
        for (String one : said.split(Announce.AND)) {
            candidates(b, one, candidates);
        }
        return candidates;
    }

    private void candidates(Booking b, String said, List<String> candidates) {
        if (said.startsWith(Announce.APPLIED)) {
            candidates.add(candidate(b, EventType.BOOKING_CONFIRMED, ""));
            String type = said.substring(Announce.APPLIED.length());
            if (type.equals("CHECKED_OUT")) {
                candidates.add(candidate(b, EventType.BOOKING_CHECKED_OUT, ""));
            } else if (type.equals("CANCELLED")) {
                candidates.add(candidate(b, EventType.BOOKING_CANCELLED, ""));
            }
        } else if (said.startsWith(Announce.PROVISIONED)) {
            String outcome = said.substring(Announce.PROVISIONED.length());
            Instant now = clock.instant();
            if (outcome.equals("usable") && b.state.live()) {
                // a window moved (a stay extended) is a credential usable anew, for the new window
                candidates.add(candidate(b, EventType.CREDENTIAL_USABLE, b.validFrom.getEpochSecond() + "/" + b.validUntil.getEpochSecond()));
            } else if (outcome.equals("removed") && (b.state == CredentialState.REVOKED || b.purgedAt != null || !b.validUntil.isAfter(now))) {
                candidates.add(candidate(b, EventType.CREDENTIAL_REVOKED, ""));
            }
        } else if (said.equals(Announce.DELIVERED) || said.equals(Announce.DELIVERY_FAILED)) {
            // what the booking's current delivery ended in, whichever the stage saw: a redelivered message finds it ended
            if (b.deliveryState == DeliveryState.SENT) {
                candidates.add(candidate(b, EventType.CREDENTIAL_DELIVERED, String.valueOf(b.deliveryToken)));
            } else if (b.deliveryState == DeliveryState.FAILED) {
                candidates.add(candidate(b, EventType.CREDENTIAL_DELIVERY_FAILED, String.valueOf(b.deliveryToken)));
            }
        } else if (said.startsWith(Announce.FIRST_CONNECTED)) {
            ObjectNode first = candidateNode(b, EventType.GUEST_FIRST_CONNECTED, "");
            first.put("firstConnectedAt", said.substring(Announce.FIRST_CONNECTED.length()));
            candidates.add(first.toString());
        }
    }

    private static String candidate(Booking b, EventType type, String key) {
        return candidateNode(b, type, key).toString();
    }

    private static ObjectNode candidateNode(Booking b, EventType type, String key) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("type", type.wireName()).put("key", key).put("source", b.source).put("bookingId", b.bookingId).put("venue", b.venueId)
                .put("state", b.state.name());
        if (b.validFrom != null) {
            c.put("validFrom", b.validFrom.toString());
        }
        if (b.validUntil != null) {
            c.put("validUntil", b.validUntil.toString());
        }
        if (type == EventType.CREDENTIAL_DELIVERED || type == EventType.CREDENTIAL_DELIVERY_FAILED) {
            c.put("channel", b.deliveryChannel);
        }
        return c;
    }
}
