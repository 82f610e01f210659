package org.wifionboarding.hub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and writes bookings, their timeline and the applied-event ledger; SQL portable between PostgreSQL and H2. */
public final class BookingStore {

    private static final String COLUMNS = "source, booking_id, venue_id, kind, state, source_version, valid_from, valid_until, "
            + "username, passphrase_enc, guest_enc, delivery_channel, delivery_state, delivery_token, delivery_attempts, "
            + "delivery_scheduled, delivery_sent_at, delivery_error, provisioning_state, provisioning_error, provisioned_at, "
            + "created_at, updated_at, purged_at, credential_kind, activation, target, target_ref, delivery_plan, front_desk, resend_requested_at, "
            + "delivery_claimed_at, delivery_takeovers, room";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    public BookingStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
        this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs work in one database transaction. */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    /**
     * Runs work inside the caller's transaction behind a savepoint: if it throws, what it wrote is rolled back and the rest of
     * the caller's transaction stands.
     */
    public <T> T inSavepoint(java.util.function.Supplier<T> work) {
        return savepoint.execute(status -> work.get());
    }

    /** Records that a canonical event was applied; false when it was applied before. */
    public boolean markApplied(String eventId, Instant now) {
        return jdbc.update("INSERT INTO applied_event (event_id, applied_at) VALUES (?, ?) ON CONFLICT DO NOTHING", eventId, utc(now)) == 1;
    }

    public Optional<Booking> find(String source, String bookingId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM booking WHERE source = ? AND booking_id = ?", ROW, source, bookingId)
                .stream().findFirst();
    }

    /** The booking, locked until the surrounding transaction ends. */
    public Optional<Booking> lock(String source, String bookingId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM booking WHERE source = ? AND booking_id = ? FOR UPDATE", ROW, source, bookingId)
                .stream().findFirst();
    }

    /**
     * Bookings matching every given filter (null: any), newest stay first, at most {@code limit}: by source, venue, room, state,
     * and a stay that begins in {@code [arrivalFrom, arrivalTo)}. No filter reads personal data.
     */
    public List<Booking> search(String source, String venueId, String room, String state, Instant arrivalFrom, Instant arrivalTo, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM booking WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (source != null) {
            sql.append(" AND source = ?");
            args.add(source);
        }
        if (venueId != null) {
            sql.append(" AND venue_id = ?");
            args.add(venueId);
        }
        if (room != null) {
            sql.append(" AND room = ?");
            args.add(room);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state);
        }
        if (arrivalFrom != null) {
            sql.append(" AND valid_from >= ? AND valid_from < ?");
            args.add(utc(arrivalFrom));
            args.add(utc(arrivalTo));
        }
        sql.append(" ORDER BY valid_from DESC, booking_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    public void insert(Booking b) {
        jdbc.update("INSERT INTO booking (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.source, b.bookingId, b.venueId, b.kind, b.state.name(), b.sourceVersion, utc(b.validFrom), utc(b.validUntil),
                b.username, b.passphraseEnc, b.guestEnc, b.deliveryChannel, name(b.deliveryState), b.deliveryToken,
                b.deliveryAttempts, utc(b.deliveryScheduled), utc(b.deliverySentAt), b.deliveryError, b.provisioningState,
                b.provisioningError, utc(b.provisionedAt), utc(b.createdAt), utc(b.updatedAt), utc(b.purgedAt), b.credentialKind,
                b.activation, b.target, b.targetRef, b.deliveryPlan, b.frontDesk, utc(b.resendRequestedAt), utc(b.deliveryClaimedAt),
                b.deliveryTakeovers, b.room);
    }

    /** Writes what an event may change; delivery progress and provisioning results have their own updates. */
    public void update(Booking b) {
        jdbc.update("UPDATE booking SET venue_id = ?, kind = ?, state = ?, source_version = ?, valid_from = ?, valid_until = ?, "
                        + "passphrase_enc = ?, guest_enc = ?, delivery_channel = ?, delivery_state = ?, delivery_token = ?, "
                        + "delivery_scheduled = ?, delivery_error = ?, delivery_plan = ?, front_desk = ?, delivery_attempts = ?, "
                        + "resend_requested_at = ?, delivery_claimed_at = ?, delivery_takeovers = ?, room = ?, updated_at = ? WHERE source = ? AND booking_id = ?",
                b.venueId, b.kind, b.state.name(), b.sourceVersion, utc(b.validFrom), utc(b.validUntil), b.passphraseEnc,
                b.guestEnc, b.deliveryChannel, name(b.deliveryState), b.deliveryToken, utc(b.deliveryScheduled),
                b.deliveryError, b.deliveryPlan, b.frontDesk, b.deliveryAttempts, utc(b.resendRequestedAt), utc(b.deliveryClaimedAt),
                b.deliveryTakeovers, b.room, utc(b.updatedAt), b.source, b.bookingId);
    }

    public void timeline(String source, String bookingId, String eventId, String entry) {
        jdbc.update("INSERT INTO booking_timeline (source, booking_id, at, event_id, entry) VALUES (?, ?, ?, ?, ?)",
                source, bookingId, utc(Instant.now()), eventId, entry.length() > 500 ? entry.substring(0, 500) : entry);
    }

    public List<Map<String, Object>> timeline(String source, String bookingId) {
        return jdbc.query("SELECT at, event_id, entry FROM booking_timeline WHERE source = ? AND booking_id = ? ORDER BY id",
                (rs, n) -> {
                    Map<String, Object> entry = new java.util.LinkedHashMap<>();
                    entry.put("at", rs.getObject("at", OffsetDateTime.class).toInstant().toString());
                    if (rs.getString("event_id") != null) {
                        entry.put("eventId", rs.getString("event_id"));
                    }
                    entry.put("entry", rs.getString("entry"));
                    return entry;
                }, source, bookingId);
    }

    /** What a delivery message found when it came to send: see {@link #claimDelivery}. */
    public sealed interface Claim {
        /** the send is this consumer's: go on */
        record Claimed(boolean takeover) implements Claim {
        }

        /** another consumer claimed it and its lease runs until {@code until}: look again then */
        record Busy(Instant until) implements Claim {
        }

        /** the booking no longer wants this delivery (new token, credential ended, sent already) */
        record MovedOn() implements Claim {
        }

        /** sends of this delivery were interrupted too often: the booking is flagged for the front desk */
        record GivenUp(String reason) implements Claim {
        }
    }

    /**
     * Takes the right to send delivery {@code token}, as a lease: only one consumer holds it, and only while
     * the booking still wants that delivery (same token, credential live, window not over). A claim older
     * than {@code lease} belongs to a send that a crash interrupted (its message came back, redelivered flag
     * or not): it is taken over, at most {@code maxTakeovers} times, after which the booking is marked FAILED
     * and flagged for the front desk rather than left {@code SENDING}.
     */
    public Claim claimDelivery(String source, String bookingId, int token, Instant now, java.time.Duration lease, int maxTakeovers) {
        return inTransaction(() -> {
            Booking b = lock(source, bookingId).orElse(null);
            if (b == null || b.deliveryToken != token || !b.state.live() || b.validUntil == null || !b.validUntil.isAfter(now)) {
                return new Claim.MovedOn();
            }
            boolean takeover = b.deliveryState == DeliveryState.SENDING;
            if (b.deliveryState != DeliveryState.SCHEDULED && !takeover) {
                return new Claim.MovedOn();
            }
            if (takeover && b.deliveryClaimedAt != null && b.deliveryClaimedAt.plus(lease).isAfter(now)) {
                return new Claim.Busy(b.deliveryClaimedAt.plus(lease));
            }
            if (takeover && b.deliveryTakeovers >= maxTakeovers) {
                String reason = b.deliveryChannel + ": the send was interrupted " + (b.deliveryTakeovers + 1) + " times; front desk follow-up";
                jdbc.update("UPDATE booking SET delivery_state = 'FAILED', delivery_error = ?, front_desk = TRUE, updated_at = ? "
                        + "WHERE source = ? AND booking_id = ?", reason, utc(now), source, bookingId);
                return new Claim.GivenUp(reason);
            }
            jdbc.update("UPDATE booking SET delivery_state = 'SENDING', delivery_attempts = delivery_attempts + 1, delivery_claimed_at = ?, "
                            + "delivery_takeovers = delivery_takeovers + ?, updated_at = ? WHERE source = ? AND booking_id = ?",
                    utc(now), takeover ? 1 : 0, utc(now), source, bookingId);
            return new Claim.Claimed(takeover);
        });
    }

    public void deliveryOutcome(String source, String bookingId, int token, DeliveryState state, String error, Instant now) {
        jdbc.update("UPDATE booking SET delivery_state = ?, delivery_error = ?, delivery_sent_at = CASE WHEN ? = 'SENT' THEN ? ELSE delivery_sent_at END, "
                        + "updated_at = ? WHERE source = ? AND booking_id = ? AND delivery_token = ? AND delivery_state = 'SENDING'",
                state.name(), error, state.name(), utc(now), utc(now), source, bookingId, token);
    }

    /**
     * Marks the current delivery FAILED for good (the broker gave up on its message) and flags the front desk,
     * unless the booking moved on to another delivery meanwhile.
     */
    public boolean deliveryFailed(String source, String bookingId, int token, String error, Instant now) {
        return jdbc.update("UPDATE booking SET delivery_state = 'FAILED', delivery_error = ?, front_desk = TRUE, updated_at = ? "
                        + "WHERE source = ? AND booking_id = ? AND delivery_token = ? AND delivery_state IN ('SCHEDULED', 'SENDING')",
                error, utc(now), source, bookingId, token) == 1;
    }

    /** What RADIUS accounting ({@code radacct}) says of a booking's account and its devices: counts only, no addresses. */
    public record Network(Instant firstConnectedAt, int devices, int openSessions) {
    }

    public Network network(String username) {
        if (username == null) {
            return new Network(null, 0, 0);
        }
        try {
            return networkOf(username);
        } catch (org.springframework.dao.DataAccessException unreadable) {
            return new Network(null, 0, 0);   // accounting is an addition to the booking's view, never a reason to refuse it
        }
    }

    private Network networkOf(String username) {
        return jdbc.queryForObject("SELECT MIN(acctstarttime), COUNT(DISTINCT callingstationid), "
                        + "COALESCE(SUM(CASE WHEN acctstoptime IS NULL THEN 1 ELSE 0 END), 0) FROM radacct "
                        + "WHERE username = ? OR username IN (SELECT username FROM radcheck WHERE hub_owner = ?)",
                (rs, n) -> new Network(rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getInt(3)),
                username, username);
    }

    /** One delivery attempt, as the admin API shows it. */
    public record Attempt(long id, String channel, Instant at, String providerId, String state, String error, int token) {
    }

    public long attemptStarted(String source, String bookingId, int token, String channel, Instant now) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO delivery_attempt (source, booking_id, token, channel, attempted_at, state, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, 'SENDING', ?)", new String[] {"id"});
            ps.setString(1, source);
            ps.setString(2, bookingId);
            ps.setInt(3, token);
            ps.setString(4, channel);
            ps.setObject(5, utc(now));
            ps.setObject(6, utc(now));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void attemptOutcome(long id, String providerId, String state, String error, Instant now) {
        jdbc.update("UPDATE delivery_attempt SET provider_id = COALESCE(?, provider_id), state = ?, error = ?, updated_at = ? WHERE id = ?",
                providerId, state, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error, utc(now), id);
    }

    /** The attempt a provider's id names (a Twilio status callback), or empty. */
    public Optional<Attempt> attemptByProviderId(String providerId) {
        return jdbc.query("SELECT id, channel, attempted_at, provider_id, state, error, token FROM delivery_attempt WHERE provider_id = ?",
                ATTEMPT, providerId).stream().findFirst();
    }

    public Optional<String[]> attemptBooking(long id) {
        return jdbc.query("SELECT source, booking_id FROM delivery_attempt WHERE id = ?", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, id)
                .stream().findFirst();
    }

    public List<Attempt> attempts(String source, String bookingId) {
        return jdbc.query("SELECT id, channel, attempted_at, provider_id, state, error, token FROM delivery_attempt "
                + "WHERE source = ? AND booking_id = ? ORDER BY id", ATTEMPT, source, bookingId);
    }

    private static final RowMapper<Attempt> ATTEMPT = (rs, n) -> new Attempt(rs.getLong("id"), rs.getString("channel"),
            instant(rs, "attempted_at"), rs.getString("provider_id"), rs.getString("state"), rs.getString("error"), rs.getInt("token"));

    /** Provisioning states: the target confirmed the credential; a failure being retried; a failure for good. */
    public static final String PROVISIONED = "OK";
    public static final String PROVISIONING_RETRYING = "RETRYING";
    public static final String PROVISIONING_FAILED = "FAILED";

    public void provisioningOutcome(String source, String bookingId, String state, String error, Instant now) {
        jdbc.update("UPDATE booking SET provisioning_state = ?, provisioning_error = ?, provisioned_at = ?, "
                        + "front_desk = CASE WHEN ? THEN TRUE ELSE front_desk END WHERE source = ? AND booking_id = ?",
                state, error, utc(now), PROVISIONING_FAILED.equals(state), source, bookingId);
    }

    /**
     * Records a successful reconciliation: the target's reference for the credential and, when the
     * target issued the secret (a voucher code), that secret, encrypted; clears an earlier failure.
     */
    public void provisioned(String source, String bookingId, String targetRef, byte[] issuedSecretEnc, Instant now) {
        jdbc.update("UPDATE booking SET provisioning_state = 'OK', provisioning_error = NULL, provisioned_at = ?, target_ref = ?, "
                        + "passphrase_enc = COALESCE(?, passphrase_enc) WHERE source = ? AND booking_id = ?",
                utc(now), targetRef, issuedSecretEnc, source, bookingId);
    }

    /** Work a lost message left undone: which booking, which stage, which delivery token. */
    public record Stalled(String source, String bookingId, String stage, int deliveryToken) {
        public static final String PROVISION = "provision";
        public static final String DELIVER = "deliver";
    }

    /**
     * Bookings whose provisioning or delivery should have happened by {@code before} and has not: a live credential
     * never provisioned, a delivery due but still {@code SCHEDULED}, a send claimed and never finished. Messages are
     * what drives that work; should one ever be lost (an operator purging a queue, storage lost under the broker), this
     * finds what it left undone, so that nothing waits for good.
     */
    public List<Stalled> stalledBefore(Instant before, int limit) {
        List<Stalled> found = new java.util.ArrayList<>(jdbc.query("SELECT source, booking_id FROM booking WHERE state IN ('PENDING', 'ACTIVE') "
                + "AND provisioning_state IS NULL AND updated_at < ? ORDER BY updated_at LIMIT ?",
                (rs, n) -> new Stalled(rs.getString(1), rs.getString(2), Stalled.PROVISION, 0), utc(before), limit));
        if (found.size() < limit) {
            found.addAll(jdbc.query("SELECT source, booking_id, delivery_token FROM booking WHERE state IN ('PENDING', 'ACTIVE') AND valid_until > ? "
                            + "AND ((delivery_state = 'SCHEDULED' AND delivery_scheduled < ?) OR (delivery_state = 'SENDING' AND delivery_claimed_at < ?)) "
                            + "ORDER BY updated_at LIMIT ?",
                    (rs, n) -> new Stalled(rs.getString(1), rs.getString(2), Stalled.DELIVER, rs.getInt(3)), utc(Instant.now()), utc(before), utc(before),
                    limit - found.size()));
        }
        return found;
    }

    /** Live credentials whose window is over (no checkout event needed): their keys, for the expiry sweep. */
    public List<String[]> dueForExpiry() {
        return jdbc.query("SELECT source, booking_id FROM booking WHERE state IN ('PENDING', 'ACTIVE') AND valid_until <= ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, utc(Instant.now()));
    }

    /**
     * Ends one credential whose window is over, by a conditional update, so two nodes sweeping at once end it once;
     * true for the node that ended it. The sweep has already asked provisioning to remove it from the network (the
     * reconcile removes anything past {@code validUntil} whatever the row says), so a crash between the two leaves
     * nothing on the network and the next sweep ends the row.
     */
    public boolean expire(String source, String bookingId) {
        Instant now = Instant.now();
        return inTransaction(() -> {
            int updated = jdbc.update("UPDATE booking SET state = 'REVOKED', updated_at = ?, "
                            + "delivery_state = CASE WHEN delivery_state IN ('SCHEDULED', 'SENDING') THEN 'CANCELLED' ELSE delivery_state END "
                            + "WHERE source = ? AND booking_id = ? AND state IN ('PENDING', 'ACTIVE') AND valid_until <= ?",
                    utc(now), source, bookingId, utc(now));
            if (updated == 1) {
                timeline(source, bookingId, null, "credential expired at validUntil (sweep; no checkout event needed)");
            }
            return updated == 1;
        });
    }

    /** The booking's registered devices, sealed (null when none were ever registered). */
    public byte[] devices(String source, String bookingId) {
        List<byte[]> found = jdbc.query("SELECT devices_enc FROM booking WHERE source = ? AND booking_id = ?", (rs, n) -> rs.getBytes(1),
                source, bookingId);
        return found.isEmpty() ? null : found.get(0);
    }

    public void devices(String source, String bookingId, byte[] sealed, Instant now) {
        jdbc.update("UPDATE booking SET devices_enc = ?, updated_at = ? WHERE source = ? AND booking_id = ?", sealed, utc(now), source, bookingId);
    }

    /** A booking's key with its sealed guest data, for an erasure request's search (the data is compared decrypted, in memory). */
    public record SealedGuest(String source, String bookingId, byte[] guestEnc) {
    }

    /** Every booking that still holds guest data, handed to {@code each} one at a time (not all held in memory). */
    public void eachWithGuestData(java.util.function.Consumer<SealedGuest> each) {
        jdbc.query("SELECT source, booking_id, guest_enc FROM booking WHERE guest_enc IS NOT NULL",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(
                        new SealedGuest(rs.getString(1), rs.getString(2), rs.getBytes(3))));
    }

    /**
     * An erasure request: forgets the booking's guest data; a delivery still to come is cancelled (its queued message finds
     * a newer token and is dropped). With {@code revoke}, the credential ends too (passphrase and devices forgotten,
     * state REVOKED), and the caller reconciles it away.
     *
     * @return whether a live credential was revoked
     */
    public boolean erase(String source, String bookingId, boolean revoke, Instant now) {
        return inTransaction(() -> {
            Booking b = lock(source, bookingId).orElse(null);
            if (b == null) {
                return false;
            }
            boolean live = revoke && b.state.live();
            jdbc.update("UPDATE booking SET guest_enc = NULL, updated_at = ?, delivery_token = delivery_token + 1, "
                    + "delivery_state = CASE WHEN delivery_state IN ('SCHEDULED', 'SENDING') THEN 'CANCELLED' ELSE delivery_state END, "
                    + "delivery_error = CASE WHEN delivery_state IN ('SCHEDULED', 'SENDING') THEN 'guest data erased on request' ELSE delivery_error END"
                    + (revoke ? ", passphrase_enc = NULL, devices_enc = NULL, "
                            + "state = CASE WHEN state IN ('PENDING', 'ACTIVE') THEN 'REVOKED' ELSE state END" : "")
                    + " WHERE source = ? AND booking_id = ?", utc(now), source, bookingId);
            timeline(source, bookingId, null, "guest data erased on request" + (live ? "; credential revoked" : ""));
            return live;
        });
    }

    /** Forgets guest data, passphrases and registered devices of stays that ended before the cutoff; returns their keys. */
    public List<String[]> purgeBefore(Instant cutoff, Instant now) {
        return inTransaction(() -> {
            List<String[]> keys = jdbc.query("SELECT source, booking_id FROM booking WHERE purged_at IS NULL AND "
                            + "(valid_until < ? OR (valid_until IS NULL AND updated_at < ?)) FOR UPDATE",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, utc(cutoff), utc(cutoff));
            for (String[] key : keys) {
                jdbc.update("UPDATE booking SET guest_enc = NULL, passphrase_enc = NULL, devices_enc = NULL, purged_at = ?, "
                        + "state = CASE WHEN state IN ('PENDING', 'ACTIVE') THEN 'REVOKED' ELSE state END WHERE source = ? AND booking_id = ?",
                        utc(now), key[0], key[1]);
                timeline(key[0], key[1], null, "guest data and passphrase purged (retention ended)");
            }
            return keys;
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<Booking> ROW = (rs, n) -> {
        Booking b = new Booking();
        b.source = rs.getString("source");
        b.bookingId = rs.getString("booking_id");
        b.venueId = rs.getString("venue_id");
        b.kind = rs.getString("kind");
        b.state = CredentialState.valueOf(rs.getString("state"));
        b.sourceVersion = rs.getString("source_version");
        b.validFrom = instant(rs, "valid_from");
        b.validUntil = instant(rs, "valid_until");
        b.username = rs.getString("username");
        b.passphraseEnc = rs.getBytes("passphrase_enc");
        b.guestEnc = rs.getBytes("guest_enc");
        b.deliveryChannel = rs.getString("delivery_channel");
        String delivery = rs.getString("delivery_state");
        b.deliveryState = delivery == null ? null : DeliveryState.valueOf(delivery);
        b.deliveryToken = rs.getInt("delivery_token");
        b.deliveryAttempts = rs.getInt("delivery_attempts");
        b.deliveryScheduled = instant(rs, "delivery_scheduled");
        b.deliverySentAt = instant(rs, "delivery_sent_at");
        b.deliveryError = rs.getString("delivery_error");
        b.provisioningState = rs.getString("provisioning_state");
        b.provisioningError = rs.getString("provisioning_error");
        b.provisionedAt = instant(rs, "provisioned_at");
        b.createdAt = instant(rs, "created_at");
        b.updatedAt = instant(rs, "updated_at");
        b.purgedAt = instant(rs, "purged_at");
        b.credentialKind = rs.getString("credential_kind");
        b.activation = rs.getString("activation");
        b.target = rs.getString("target");
        b.targetRef = rs.getString("target_ref");
        b.deliveryPlan = rs.getString("delivery_plan");
        b.frontDesk = rs.getBoolean("front_desk");
        b.resendRequestedAt = instant(rs, "resend_requested_at");
        b.deliveryClaimedAt = instant(rs, "delivery_claimed_at");
        b.deliveryTakeovers = rs.getInt("delivery_takeovers");
        b.room = rs.getString("room");
        return b;
    };
}
