package org.wifionboarding.hub.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.TargetRegistry;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;

/**
 * {@code PUT} and {@code DELETE /api/bookings/{source}/{bookingId}/devices/{mac}}: the front desk registers a
 * guest's device where the booking's target needs one per device (ClearPass MPSK, FreeRADIUS MAC authentication
 * answering with the PSK). The MACs are personal data:
 * sealed at rest with the guest data, purged with it, never logged, never in the timeline or the API's answers
 * (those give a count). Each change is followed by a provisioning message, so the target catches up.
 */
public final class DeviceRegistrations {

    /** How many devices one booking may register. */
    public static final int MAX_DEVICES = 10;
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-])[0-9a-f]{2}(\\1[0-9a-f]{2}){4}|[0-9a-f]{12}");

    private record Outcome(int count, boolean created) {
    }

    private final BookingStore store;
    private final TargetRegistry targets;
    private final AtRestCipher cipher;
    private final Clock clock;

    public DeviceRegistrations(BookingStore store, TargetRegistry targets, AtRestCipher cipher, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The registered MACs ({@code aa:bb:cc:dd:ee:ff}) from their sealed form; none when null. */
    public static List<String> read(AtRestCipher cipher, byte[] sealed) {
        if (sealed == null) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(cipher.decryptText(sealed), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code aa:bb:cc:dd:ee:ff} from any of the usual spellings; 400 naming the field otherwise. */
    static String normalise(String mac) {
        String lower = mac == null ? "" : mac.trim().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(lower).matches()) {
            throw new WebhookRejection(new Problem(400, "Bad request", "not a device address",
                    List.of(new Problem.FieldError("mac", "must be a MAC address such as a4:83:e7:12:34:56"))), false);
        }
        String hex = lower.replaceAll("[:-]", "");
        return String.join(":", hex.substring(0, 2), hex.substring(2, 4), hex.substring(4, 6), hex.substring(6, 8), hex.substring(8, 10), hex.substring(10));
    }

    /** Adds ({@code PUT}, idempotent) or removes ({@code DELETE}) one device; leaves the headers for the provisioning message. */
    public void change(Exchange exchange) {
        String source = exchange.getMessage().getHeader("source", String.class);
        String bookingId = exchange.getMessage().getHeader("bookingId", String.class);
        boolean add = "PUT".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
        String mac = normalise(exchange.getMessage().getHeader("mac", String.class));
        Outcome outcome = store.inTransaction(() -> {
            Booking b = store.lock(source, bookingId).orElseThrow(() ->
                    new WebhookRejection(Problem.of(404, "Not found", "no booking " + bookingId + " from " + source), false));
            if (!targets.target(b.target).usesDevices(CredentialKind.fromConfig(b.credentialKind))) {
                throw new WebhookRejection(Problem.of(409, "Conflict", "this booking's credential (" + b.credentialKind + " on " + b.target
                        + ") does not use registered devices"), false);
            }
            List<String> devices = new ArrayList<>(read(cipher, store.devices(source, bookingId)));
            boolean created = add && !devices.contains(mac);
            if (created) {
                if (devices.size() >= MAX_DEVICES) {
                    throw new WebhookRejection(Problem.of(409, "Conflict", "a booking may register at most " + MAX_DEVICES + " devices"), false);
                }
                if (!b.state.live() || b.purgedAt != null) {
                    throw new WebhookRejection(Problem.of(409, "Conflict", "the booking has no live credential (state " + b.state + ")"), false);
                }
                devices.add(mac);
            } else if (!add && !devices.remove(mac)) {
                throw new WebhookRejection(Problem.of(404, "Not found", "that device is not registered for this booking"), false);
            }
            if (created || !add) {
                store.devices(source, bookingId, devices.isEmpty() ? null : cipher.encryptText(Json.MAPPER.valueToTree(devices).toString()), clock.instant());
                store.timeline(source, bookingId, null, (add ? "device registered" : "device removed") + " (" + devices.size() + " registered)");
            }
            return new Outcome(devices.size(), created);
        });
        exchange.getMessage().removeHeaders("*");
        exchange.setProperty(HubHeaders.DEVICE_OUTCOME, outcome);
        exchange.getMessage().setHeader(HubHeaders.SOURCE, source);
        exchange.getMessage().setHeader(HubHeaders.BOOKING_ID, bookingId);
        exchange.getMessage().setBody(org.wifionboarding.hub.BookingRef.of(source, bookingId).toString());
    }

    /** 201 for a new device, 200 for one already there or removed, with the count. */
    public void answer(Exchange exchange) {
        Outcome outcome = exchange.getProperty(HubHeaders.DEVICE_OUTCOME, Outcome.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, outcome.created() ? 201 : 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.MAPPER.createObjectNode().put("devices", outcome.count()).put("status", "provisioning").toString());
    }
}
