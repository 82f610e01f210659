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

    /** The decrypted payload of one item, for an operator who replays or inspects it. */
    public byte[] payload(long id) {
        List<byte[]> found = jdbc.query("SELECT payload_enc FROM review_item WHERE id = ?", (rs, n) -> rs.getBytes(1), id);
        return found.isEmpty() ? null : cipher.decrypt(found.get(0));
    }

    /** Drops payloads older than the retention period; the reasons stay. */
    public int purgePayloadsBefore(Instant cutoff) {
        return jdbc.update("UPDATE review_item SET payload_enc = NULL WHERE received_at < ? AND payload_enc IS NOT NULL",
                OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
    }
}
