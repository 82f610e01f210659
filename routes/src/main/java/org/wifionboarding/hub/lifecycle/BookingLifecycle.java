package org.wifionboarding.hub.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.config.Activation;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.CredentialState;
import org.wifionboarding.hub.store.DeliveryState;
import org.wifionboarding.hub.store.PassphraseGenerator;
import org.wifionboarding.hub.window.StayWindow;

/**
 * Applies one canonical event to its booking in one database transaction: the lifecycle table,
 * stale-event ordering by source version, the validity window in the venue's zone, a new passphrase
 * (encrypted) when a credential is made, and the delivery plan.
 */
public final class BookingLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BookingLifecycle.class);
    static final String EMAIL = "email";

    private final BookingStore store;
    private final VenueDirectory venues;
    private final AtRestCipher cipher;
    private final PassphraseGenerator passphrases;
    private final Clock clock;
    private final BiFunction<Venue, Guest, List<String>> planner;

    /** With email as the only channel (tests of the lifecycle alone). */
    public BookingLifecycle(BookingStore store, VenueDirectory venues, AtRestCipher cipher, PassphraseGenerator passphrases, Clock clock) {
        this(store, venues, cipher, passphrases, clock,
                (venue, guest) -> guest != null && guest.email() != null ? List.of(EMAIL) : List.of());
    }

    /** @param planner the channels to try for a guest at a venue, in order ({@code ChannelRegistry::plan}) */
    public BookingLifecycle(BookingStore store, VenueDirectory venues, AtRestCipher cipher, PassphraseGenerator passphrases, Clock clock,
                            BiFunction<Venue, Guest, List<String>> planner) {
        this.store = store;
        this.venues = venues;
        this.cipher = cipher;
        this.passphrases = passphrases;
        this.clock = clock;
        this.planner = planner;
    }

    /**
     * Applies a canonical event given as JSON (the body of {@code hub.booking-events}). A redelivered
     * message may follow a crash anywhere after an earlier attempt, so it always sends the booking's
     * provisioning and pending delivery again: both are idempotent, and a lost one would never come back.
     */
    public LifecycleOutcome applyJson(String eventJson, Boolean redelivered) throws JsonProcessingException {
        BookingEvent event = Json.MAPPER.readValue(eventJson, BookingEvent.class);
        LifecycleOutcome outcome = apply(event);
        if (Boolean.TRUE.equals(redelivered) && !outcome.provision()) {
            outcome = store.find(event.source(), event.bookingId()).map(b -> resend(b, clock.instant())).orElse(outcome);
        }
        return outcome.ofEvent(event.type().name());
    }

    public LifecycleOutcome apply(BookingEvent event) {
        Instant now = clock.instant();
        LifecycleOutcome outcome = store.inTransaction(() -> provisionHere(applyLocked(event, now)));
        LOG.info("event {} for booking {} applied: provision={}, deliverAt={}", event.eventId(), event.bookingKey(),
                outcome.provisioned() != null ? "done, " + outcome.provisioned() : outcome.provision(), outcome.deliverAt());
        return outcome;
    }

    /**
     * Where the credential is reconciled in the event's own transaction when its target allows it (a target in the hub's
     * database, a change that reaches nothing outside it): given the booking as that transaction wrote it, inside the
     * transaction that holds its row lock, it answers what the target now holds ({@code usable}, {@code made},
     * {@code removed}), or null when the provisioning stage must do it. Without one, every change goes to the provisioning
     * stage.
     */
    public BookingLifecycle provisionWith(Function<Booking, ?> here) {
        this.provisionHere = here;
        return this;
    }

    private Function<Booking, ?> provisionHere;

    /** The credential reconciled behind a savepoint: if that fails, the event still applies and the provisioning stage retries it. */
    private LifecycleOutcome provisionHere(LifecycleOutcome outcome) {
        if (!outcome.provision() || provisionHere == null || outcome.booking() == null) {
            return outcome;
        }
        try {
            String held = store.inSavepoint(() -> java.util.Objects.toString(provisionHere.apply(outcome.booking()), null));
            return held == null ? outcome : outcome.provisionedHere(held);
        } catch (RuntimeException failed) {
            LOG.warn("booking {} not provisioned with its event ({}): left to the provisioning stage", outcome.bookingKey(),
                    failed.getClass().getSimpleName());
            return outcome;
        }
    }

    /** The channel name a credential handed over at the front desk is recorded with. */
    public static final String DESK = "desk";

    /**
     * A credential the front desk issues by hand ({@code POST /api/credentials}): applied as a booking of the built-in
     * source {@code desk}, so it is provisioned like any other (in the same transaction when its target allows it, as for
     * an event), activated with the stay and revoked at departure; its delivery is the hand-over at the desk, recorded as
     * sent, never scheduled for a channel.
     *
     * @return the outcome, whose delivery is none
     */
    public LifecycleOutcome issueAtDesk(BookingEvent event) {
        Instant now = clock.instant();
        LifecycleOutcome outcome = store.inTransaction(() -> {
            LifecycleOutcome applied = applyLocked(event, now);
            Booking b = store.lock(event.source(), event.bookingId()).orElseThrow();
            if (!b.state.live()) {
                throw new org.wifionboarding.hub.model.InvalidBookingException("departure", "the stay is already over");
            }
            b.deliveryChannel = DESK;
            b.deliveryPlan = null;
            b.deliveryState = DeliveryState.SENT;
            b.deliverySentAt = now;
            b.deliveryScheduled = null;
            b.deliveryError = null;
            b.frontDesk = false;
            store.update(b);
            store.timeline(b.source, b.bookingId, event.eventId(), "handed over at the front desk");
            return provisionHere(new LifecycleOutcome(b.source, b.bookingId, applied.provision(), null, b.deliveryToken, applied.activateAt())
                    .ofEvent(event.type().name()).of(b));
        });
        LOG.info("credential {} issued at the front desk", event.bookingKey());
        return outcome;
    }

    private LifecycleOutcome applyLocked(BookingEvent event, Instant now) {
        boolean fresh = store.markApplied(event.eventId(), now);
        Booking booking = store.lock(event.source(), event.bookingId()).orElse(null);
        if (!fresh && booking != null) {
            // a redelivery after a crash between commit and send: send the same messages again (both are idempotent)
            return resend(booking, now);
        }
        if (!fresh) {
            // every applied event leaves a booking row, so a marker without one means the earlier application did
            // not survive whole (seen once after SIGKILL on the embedded H2): apply the event again
            LOG.warn("event {} was marked applied but booking {} is missing: applying it again", event.eventId(), event.bookingKey());
        }
        if (booking != null && SourceVersions.isOlder(event.sourceVersion(), booking.sourceVersion)) {
            return late(booking, event, now);
        }
        Venue venue = venues.venue(event.venueId());
        boolean ends = event.type() == EventType.CHECKED_OUT || event.type() == EventType.CANCELLED;
        StayWindow window = null;
        try {
            window = event.arrival() == null && event.departure() == null && ends ? null
                    : StayWindow.resolve(event.arrival(), event.departure(), venue.times());
        } catch (org.wifionboarding.hub.model.InvalidBookingException unusableDates) {
            if (!ends) {
                throw unusableDates;
            }
        }
        if (ends && window == null) {
            // an ending without usable dates (a deleted reservation cannot be fetched; a checkout's odd actual times): the stay
            // keeps the window it had, and what ends it still ends it
            StayWindow kept = booking == null || booking.validFrom == null ? null : new StayWindow(booking.validFrom, booking.validUntil);
            return booking != null && booking.state.live() ? revoke(booking, event, now, event.type() + ": credential revoked")
                    : recordOnly(booking, event, venue, kept, now);
        }
        if (!ends) {
            venue.checkStay(window, now);   // a thin source's stay is first seen here: refused, it becomes a review item
        }
        CredentialState current = booking == null ? CredentialState.NONE : booking.state;
        return switch (LifecycleTable.decide(current, event.type())) {
            case CREATE -> create(booking, event, venue, window, now);
            case RECORD_ONLY -> recordOnly(booking, event, venue, window, now);
            case UPDATE -> update(booking, event, venue, window, now);
            case REVOKE -> revoke(booking, event, now, event.type() + ": credential revoked");
            case NO_CHANGE -> {
                booking.sourceVersion = event.sourceVersion();
                booking.updatedAt = now;
                store.update(booking);
                store.timeline(event.source(), event.bookingId(), event.eventId(), event.type() + ": no change (credential " + current + ")");
                yield LifecycleOutcome.nothing(event.source(), event.bookingId()).of(booking);
            }
        };
    }

    /**
     * An event older than the version applied (it came late: another node, a retry, a replay). Its data (dates,
     * guest) is stale and ignored, but what it says happened still happened: a check-out or cancellation still
     * ends a live credential, and a check-in still activates a pending one. The result is what applying the
     * booking's events in version order gives, whatever order they arrive in.
     */
    private LifecycleOutcome late(Booking booking, BookingEvent event, Instant now) {
        String stale = " (version " + event.sourceVersion() + " is older than the applied " + booking.sourceVersion + ")";
        boolean live = booking.state.live();
        if (live && (event.type() == EventType.CHECKED_OUT || event.type() == EventType.CANCELLED)) {
            String version = booking.sourceVersion;
            LifecycleOutcome outcome = revoke(booking, event, now, event.type() + " came late: credential revoked" + stale);
            booking.sourceVersion = version;   // keep ordering by the newest version seen
            store.update(booking);
            return outcome;
        }
        if (booking.state == CredentialState.PENDING && event.type() == EventType.CHECKED_IN) {
            booking.state = CredentialState.ACTIVE;
            boolean deliverNow = booking.deliveryState == DeliveryState.SCHEDULED;
            if (deliverNow) {
                booking.deliveryToken++;
                booking.deliveryScheduled = now;
                booking.deliveryTakeovers = 0;
                booking.deliveryClaimedAt = null;
            }
            booking.updatedAt = now;
            store.update(booking);
            store.timeline(event.source(), event.bookingId(), event.eventId(), "CHECKED_IN came late: credential ACTIVE" + stale);
            return new LifecycleOutcome(booking.source, booking.bookingId, true, deliverNow ? now : null, booking.deliveryToken,
                    activateAt(booking, now)).of(booking);
        }
        store.timeline(event.source(), event.bookingId(), event.eventId(), event.type() + " ignored" + stale);
        return LifecycleOutcome.nothing(event.source(), event.bookingId()).of(booking);
    }

    private LifecycleOutcome create(Booking existing, BookingEvent event, Venue venue, StayWindow window, Instant now) {
        if (!window.validUntil().isAfter(now)) {
            return recordOnly(existing, event, venue, window, now);
        }
        Booking b = existing != null ? existing : newBooking(event, venue, now);
        absorb(b, event, venue, window);
        b.state = event.type() == EventType.CHECKED_IN ? CredentialState.ACTIVE : CredentialState.PENDING;
        // a voucher's code comes from the controller when provisioning makes it
        b.passphraseEnc = CredentialKind.VOUCHER.configName().equals(b.credentialKind) ? null : cipher.encryptText(passphrases.next());
        Instant deliverAt = event.type() == EventType.CHECKED_IN ? now : latest(now, window.validFrom().minus(venue.deliveryLead()));
        planDelivery(b, event.guest(), deliverAt, venue);
        b.updatedAt = now;
        save(b, existing == null);
        store.timeline(b.source, b.bookingId, event.eventId(), event.type() + ": credential " + b.state + " valid "
                + window.validFrom() + " to " + window.validUntil() + deliveryNote(b));
        return outcome(b, true, now).withFrontDesk(b.frontDesk && b.deliveryState == DeliveryState.FAILED);
    }

    private LifecycleOutcome recordOnly(Booking existing, BookingEvent event, Venue venue, StayWindow window, Instant now) {
        Booking b = existing != null ? existing : newBooking(event, venue, now);
        absorb(b, event, venue, window);
        b.state = CredentialState.NONE;
        b.updatedAt = now;
        save(b, existing == null);
        store.timeline(b.source, b.bookingId, event.eventId(), event.type() + ": recorded, no credential"
                + (window == null || window.validUntil().isAfter(now) ? "" : " (the stay is over)"));
        return LifecycleOutcome.nothing(b.source, b.bookingId).of(b);
    }

    private LifecycleOutcome update(Booking b, BookingEvent event, Venue venue, StayWindow window, Instant now) {
        boolean moved = !window.validFrom().equals(b.validFrom) || !window.validUntil().equals(b.validUntil);
        absorb(b, event, venue, window);
        if (!window.validUntil().isAfter(now)) {
            return revoke(b, event, now, event.type() + ": the stay now ends at " + window.validUntil() + ", credential revoked");
        }
        boolean activated = event.type() == EventType.CHECKED_IN && b.state == CredentialState.PENDING;
        StringBuilder note = new StringBuilder(event.type().name()).append(':');
        if (activated) {
            b.state = CredentialState.ACTIVE;
            note.append(" credential ACTIVE;");
        }
        if (moved) {
            note.append(" window moved to ").append(window.validFrom()).append(" to ").append(window.validUntil()).append(';');
        }
        boolean replan = false;
        if (b.deliveryState != DeliveryState.SENT && b.deliveryState != DeliveryState.SENDING) {
            Instant deliverAt = activated ? now : latest(now, window.validFrom().minus(venue.deliveryLead()));
            replan = activated || moved || b.deliveryState == null;
            if (replan) {
                planDelivery(b, event.guest(), deliverAt, venue);
            }
        }
        if (!activated && !moved && !replan) {
            note.append(" no change");
        }
        b.updatedAt = now;
        store.update(b);
        store.timeline(b.source, b.bookingId, event.eventId(), note + (replan ? deliveryNote(b) : ""));
        return new LifecycleOutcome(b.source, b.bookingId, activated || moved,
                replan && b.deliveryState == DeliveryState.SCHEDULED ? b.deliveryScheduled : null, b.deliveryToken, activateAt(b, now))
                .withFrontDesk(replan && b.frontDesk).of(b);   // a re-plan that finds no channel is counted like a first one
    }

    private LifecycleOutcome revoke(Booking b, BookingEvent event, Instant now, String note) {
        b.state = CredentialState.REVOKED;
        b.sourceVersion = event.sourceVersion();
        if (b.deliveryState == DeliveryState.SCHEDULED || b.deliveryState == DeliveryState.SENDING) {
            b.deliveryState = DeliveryState.CANCELLED;
            b.deliveryToken++;   // the message already queued no longer matches and sends nothing
        }
        b.updatedAt = now;
        store.update(b);
        store.timeline(b.source, b.bookingId, event.eventId(), note);
        return new LifecycleOutcome(b.source, b.bookingId, true, null, b.deliveryToken, null).of(b);
    }

    private LifecycleOutcome resend(Booking b, Instant now) {
        boolean due = b.deliveryState == DeliveryState.SCHEDULED;
        return new LifecycleOutcome(b.source, b.bookingId, b.state != CredentialState.NONE, due ? b.deliveryScheduled : null, b.deliveryToken,
                activateAt(b, now)).of(b);
    }

    private LifecycleOutcome outcome(Booking b, boolean provision, Instant now) {
        return new LifecycleOutcome(b.source, b.bookingId, provision,
                b.deliveryState == DeliveryState.SCHEDULED ? b.deliveryScheduled : null, b.deliveryToken, activateAt(b, now)).of(b);
    }

    /** When an on-confirm credential starts to work later, provisioning runs again then (Artemis scheduled delivery). */
    private static Instant activateAt(Booking b, Instant now) {
        boolean later = b.state.live() && Activation.ON_CONFIRM.configName().equals(b.activation) && b.validFrom != null && b.validFrom.isAfter(now);
        return later ? b.validFrom : null;
    }

    private void planDelivery(Booking b, Guest guest, Instant at, Venue venue) {
        b.deliveryToken++;
        b.deliveryAttempts = 0;
        b.deliveryTakeovers = 0;
        b.deliveryClaimedAt = null;
        List<String> plan = planner.apply(venue, guest);
        if (plan.isEmpty()) {
            b.deliveryChannel = null;
            b.deliveryPlan = null;
            b.deliveryState = DeliveryState.FAILED;
            b.deliveryError = "no configured channel can reach this guest: front desk follow-up";
            b.deliveryScheduled = null;
            b.frontDesk = true;
            return;
        }
        b.deliveryChannel = plan.get(0);
        b.deliveryPlan = String.join(",", plan.subList(1, plan.size()));
        b.deliveryState = DeliveryState.SCHEDULED;
        b.deliveryError = null;
        b.deliveryScheduled = at;
        b.frontDesk = false;
    }

    private String deliveryNote(Booking b) {
        return b.deliveryState == DeliveryState.SCHEDULED
                ? "; delivery by " + b.deliveryChannel + " scheduled for " + b.deliveryScheduled
                : "; delivery " + b.deliveryState + (b.deliveryError == null ? "" : ": " + b.deliveryError);
    }

    private void absorb(Booking b, BookingEvent event, Venue venue, StayWindow window) {
        b.venueId = event.venueId() != null ? event.venueId() : venue.id();   // the id as the booking system sends it
        b.kind = event.kind().name();
        b.sourceVersion = event.sourceVersion();
        if (event.room() != null && !event.room().isBlank()) {
            b.room = event.room().length() > 64 ? event.room().substring(0, 64) : event.room();
        }
        if (window != null) {
            b.validFrom = window.validFrom();
            b.validUntil = window.validUntil();
        }
        if (event.guest() != null) {
            try {
                b.guestEnc = cipher.encrypt(Json.MAPPER.writeValueAsBytes(event.guest()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void save(Booking b, boolean insert) {
        if (insert) {
            store.insert(b);
        } else {
            store.update(b);
        }
    }

    private Booking newBooking(BookingEvent event, Venue venue, Instant now) {
        Booking b = new Booking();
        b.source = event.source();
        b.bookingId = event.bookingId();
        b.username = username(event.source(), event.bookingId());
        b.credentialKind = venue.credential().configName();
        b.activation = venue.activation().configName();
        b.target = venue.target();
        b.createdAt = now;
        b.updatedAt = now;
        return b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A stable RADIUS/controller name derived from the booking, so the hub finds its own credential again. */
    static String username(String source, String bookingId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((source + ":" + bookingId).getBytes(StandardCharsets.UTF_8));
            StringBuilder name = new StringBuilder("guest-");
            String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
            for (int i = 0; i < 10; i++) {
                name.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
            }
            return name.toString().toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
