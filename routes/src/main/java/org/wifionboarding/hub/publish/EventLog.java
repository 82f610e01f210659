package org.wifionboarding.hub.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lifecycle events announced for each booking ({@code lifecycle_event}) and which of them each subscriber has taken
 * ({@code subscriber_delivery}). Ids, types and times only.
 */
public final class EventLog {

    /**
     * An event as recorded: its number within the booking, its webhook id, when it was first announced, and the types of
     * the booking's events before it (by number, ascending), from which each subscriber's predecessor is found.
     */
    public record Recorded(int seq, String webhookId, Instant occurredAt, java.util.SortedMap<Integer, EventType> earlier) {

        /** The number of the latest earlier event a subscriber wanting {@code wanted} was sent, or 0. */
        public int previous(Predicate<EventType> wanted) {
            int previous = 0;
            for (var e : earlier.headMap(seq).entrySet()) {
                if (wanted.test(e.getValue())) {
                    previous = e.getKey();
                }
            }
            return previous;
        }
    }

    private final JdbcTemplate jdbc;
    private final java.time.Clock clock;

    public EventLog(DataSource dataSource, java.time.Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    private record Row(int seq, EventType type, String key, String webhookId, String emittedBy, Instant occurredAt) {
    }

    /**
     * Records that {@code type} happened to a booking (once per {@code key}) and says whether {@code messageId} is to
     * publish it: yes when this call recorded it, or when the same broker message recorded it before and is back after a
     * crash (the same number and webhook id again); null when another message announced it already. One read of the
     * booking's events (a handful) serves the check, the next number and every subscriber's predecessor.
     */
    public Recorded record(String source, String bookingId, EventType type, String key, String messageId, Instant now) {
        List<Row> rows = jdbc.query("SELECT seq, event_type, event_key, webhook_id, emitted_by, occurred_at FROM lifecycle_event "
                        + "WHERE source = ? AND booking_id = ?",
                (rs, n) -> new Row(rs.getInt(1), EventType.of(rs.getString(2)).orElse(null), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()), source, bookingId);
        java.util.SortedMap<Integer, EventType> earlier = new java.util.TreeMap<>();
        rows.stream().filter(r -> r.type() != null).forEach(r -> earlier.put(r.seq(), r.type()));
        for (Row row : rows) {
            if (row.type() == type && row.key().equals(key)) {
                return row.emittedBy().equals(messageId) ? new Recorded(row.seq(), row.webhookId(), row.occurredAt(), earlier) : null;
            }
        }
        int seq = rows.stream().mapToInt(Row::seq).max().orElse(0) + 1;
        String webhookId = webhookId(source, bookingId, type, key);
        // one booking's announcements are consumed one at a time (its JMS group); should two ever meet, the loser's
        // duplicate key rolls its message back and the broker brings it again, to find the winner's row
        jdbc.update("INSERT INTO lifecycle_event (source, booking_id, seq, event_type, event_key, webhook_id, emitted_by, occurred_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", source, bookingId, seq, type.wireName(), key, webhookId, messageId, utc(now));
        return new Recorded(seq, webhookId, now, earlier);
    }

    /** The same id for the same transition, on every node and after any crash: {@code msg_} and 32 hex digits. */
    static String webhookId(String source, String bookingId, EventType type, String key) {
        UUID id = UUID.nameUUIDFromBytes((source + '\n' + bookingId + '\n' + type.wireName() + '\n' + key).getBytes(StandardCharsets.UTF_8));
        return "msg_" + id.toString().replace("-", "");
    }

    public boolean delivered(String subscriber, String source, String bookingId, int seq) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM subscriber_delivery WHERE subscriber = ? AND source = ? AND booking_id = ? AND seq = ?",
                Integer.class, subscriber, source, bookingId, seq);
        return found != null && found > 0;
    }

    public void markDelivered(String subscriber, String source, String bookingId, int seq, Instant now) {
        try {
            jdbc.update("INSERT INTO subscriber_delivery (subscriber, source, booking_id, seq, delivered_at) VALUES (?, ?, ?, ?, ?)",
                    subscriber, source, bookingId, seq, utc(now));
        } catch (DuplicateKeyException already) {
            // a copy sent again after a crash: recorded by the first
        }
    }

    /**
     * Forgets the events of bookings purged more than a day ago (the purge's own reconcile has announced their revocation
     * by then): ids and times only, but not kept for ever. A transition announced again afterwards would come under the
     * same webhook id, which receivers de-duplicate on.
     */
    public int forgetPurged() {
        OffsetDateTime before = utc(clock.instant().minus(java.time.Duration.ofDays(1)));
        String purged = " WHERE EXISTS (SELECT 1 FROM booking b WHERE b.source = t.source AND b.booking_id = t.booking_id AND b.purged_at < ?)";
        return jdbc.update("DELETE FROM subscriber_delivery t" + purged, before) + jdbc.update("DELETE FROM lifecycle_event t" + purged, before);
    }

    /** A booking whose guest RADIUS accounting shows connected, not yet announced: source, booking id, first start. */
    public record FirstConnection(String source, String bookingId, Instant at) {
    }

    /**
     * Live bookings that RADIUS accounting ({@code radacct}, on the account or on a device registered to it) shows
     * connected at least once and whose {@code guest.first_connected} is not announced yet; none when the hub's database
     * holds no accounting.
     */
    public List<FirstConnection> firstConnections(int limit) {
        String notAnnounced = " AND b.state IN ('PENDING', 'ACTIVE') AND r.acctstarttime IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lifecycle_event e "
                + "WHERE e.source = b.source AND e.booking_id = b.booking_id AND e.event_type = 'guest.first_connected') ";
        try {
            List<FirstConnection> found = new ArrayList<>(jdbc.query("SELECT b.source, b.booking_id, MIN(r.acctstarttime) FROM booking b "
                    + "JOIN radacct r ON r.username = b.username WHERE 1 = 1" + notAnnounced + "GROUP BY b.source, b.booking_id "
                    + "ORDER BY MIN(r.acctstarttime) LIMIT ?", (rs, n) -> connection(rs), limit));
            found.addAll(jdbc.query("SELECT b.source, b.booking_id, MIN(r.acctstarttime) FROM booking b JOIN radcheck c ON c.hub_owner = b.username "
                    + "JOIN radacct r ON r.username = c.username WHERE 1 = 1" + notAnnounced + "GROUP BY b.source, b.booking_id "
                    + "ORDER BY MIN(r.acctstarttime) LIMIT ?", (rs, n) -> connection(rs), limit));
            return found;
        } catch (DataAccessException noAccounting) {
            return List.of();
        }
    }

    private static FirstConnection connection(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new FirstConnection(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
