package org.wifionboarding.hub.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the hub rejected, with its reason and its payload (encrypted), kept for review. */
public final class ReviewStore {

    /** A review item as listed: no payload, no guest data. */
    public record ReviewItem(long id, Instant receivedAt, String source, String eventId, int status, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final AtRestCipher cipher;

    public ReviewStore(DataSource dataSource, AtRestCipher cipher) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.cipher = cipher;
    }

    public void keep(String source, String eventId, int status, String reason, byte[] payload) {
        jdbc.update("INSERT INTO review_item (received_at, source, event_id, status, reason, payload_enc) VALUES (?, ?, ?, ?, ?, ?)",
                OffsetDateTime.now(ZoneOffset.UTC), source, eventId, status,
                reason.length() > 2000 ? reason.substring(0, 2000) : reason, cipher.encrypt(payload));
    }

    public List<ReviewItem> latest(int limit) {
        return jdbc.query("SELECT id, received_at, source, event_id, status, reason FROM review_item ORDER BY id DESC LIMIT ?",
                (rs, n) -> new ReviewItem(rs.getLong("id"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getString("source"), rs.getString("event_id"), rs.getInt("status"), rs.getString("reason")), limit);
    }

    /** One item as an operator sees it: its payload decrypted (null once purged), and its last replay if any. */
    public record ReviewDetail(ReviewItem item, byte[] payload, Instant replayedAt, Integer replayStatus) {
    }

    public java.util.Optional<ReviewDetail> detail(long id) {
        return jdbc.query("SELECT id, received_at, source, event_id, status, reason, payload_enc, replayed_at, replay_status FROM review_item "
                + "WHERE id = ?", (rs, n) -> {
                    byte[] sealed = rs.getBytes("payload_enc");
                    OffsetDateTime replayed = rs.getObject("replayed_at", OffsetDateTime.class);
                    int replayStatus = rs.getInt("replay_status");
                    return new ReviewDetail(new ReviewItem(rs.getLong("id"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                            rs.getString("source"), rs.getString("event_id"), rs.getInt("status"), rs.getString("reason")),
                            sealed == null ? null : cipher.decrypt(sealed), replayed == null ? null : replayed.toInstant(),
                            rs.wasNull() ? null : replayStatus);
                }, id).stream().findFirst();
    }

    /** Records what the hub answered when an operator replayed the item. */
    public void replayed(long id, int status, Instant at) {
        jdbc.update("UPDATE review_item SET replayed_at = ?, replay_status = ? WHERE id = ?", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), status, id);
    }

    /** Discards an item for good; false when there was none. */
    public boolean discard(long id) {
        return jdbc.update("DELETE FROM review_item WHERE id = ?", id) == 1;
    }

    /** The decrypted payload of one item, for an operator who replays or inspects it. */
    public byte[] payload(long id) {
        List<byte[]> found = jdbc.query("SELECT payload_enc FROM review_item WHERE id = ?", (rs, n) -> rs.getBytes(1), id);
        return found.isEmpty() ? null : cipher.decrypt(found.get(0));
    }

    /** Drops payloads older than the retention period; the reasons stay. */
    /** Forgets the payload of every item whose decrypted payload {@code matches}; returns how many. */
    public int erasePayloads(java.util.function.Predicate<byte[]> matches) {
        List<Long> ids = new java.util.ArrayList<>();
        jdbc.query("SELECT id, payload_enc FROM review_item WHERE payload_enc IS NOT NULL",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    if (matches.test(cipher.decrypt(rs.getBytes(2)))) {
                        ids.add(rs.getLong(1));
                    }
                });
        ids.forEach(id -> jdbc.update("UPDATE review_item SET payload_enc = NULL WHERE id = ?", id));
        return ids.size();
    }

    public int purgePayloadsBefore(Instant cutoff) {
        return jdbc.update("UPDATE review_item SET payload_enc = NULL WHERE received_at < ? AND payload_enc IS NOT NULL",
                OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
    }
}
