package org.wifionboarding.hub.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * De-duplication's long memory: (source, key) → the hub event id that owns it, under a primary key,
 * so two nodes cannot both own one key. Keys are recorded only after the durable send (never
 * eagerly), so a crash between the two leaves no key behind and the sender's retry is accepted.
 */
public final class IngestLedger {

    private final JdbcTemplate jdbc;

    public IngestLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The event id that owns this key, if the hub has accepted it before. */
    public Optional<String> owner(String source, String key) {
        List<String> found = jdbc.queryForList("SELECT event_id FROM ingest_key WHERE source = ? AND event_key = ?",
                String.class, source, key);
        return found.stream().findFirst();
    }

    /**
     * Records the key for {@code eventId} unless another event owns it already.
     *
     * @return the owner after the call: {@code eventId}, or the earlier event that owns the key
     */
    public String claim(String source, String key, String eventId) {
        int inserted = jdbc.update("INSERT INTO ingest_key (source, event_key, event_id, received_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", source, key, eventId, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        return inserted == 1 ? eventId : owner(source, key).orElse(eventId);
    }
}
