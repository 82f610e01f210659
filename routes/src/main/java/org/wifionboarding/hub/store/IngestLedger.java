package org.wifionboarding.hub.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * De-duplication's long memory: (source, key) → the hub event id that owns it, under a primary key,
 * so two nodes cannot both own one key.
 *
 * <p>Two writers. {@link #claim} is synchronous and authoritative: the normalise route claims each
 * key before it forwards the event, so a key is owned only once its event is on its way. {@link
 * #remember} is the ingest route's early record, written in batches off the request path after the
 * durable send (never before it, so a crash between the two loses no event) and kept in memory
 * until written, so a repeat that arrives meanwhile is still answered "duplicate".
 */
public final class IngestLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLedger.class);
    private static final int BATCH = 500;
    private static final String INSERT = "INSERT INTO ingest_key (source, event_key, event_id, received_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    private record Key(String source, String key, String eventId, Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, String> unwritten = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Key> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ingest-ledger-writer");
        thread.setDaemon(true);
        return thread;
    });

    public IngestLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        writer.scheduleWithFixedDelay(this::flush, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** The event id that owns this key, if the hub has accepted it before. */
    public Optional<String> owner(String source, String key) {
        String pending = unwritten.get(source + ":" + key);
        if (pending != null) {
            return Optional.of(pending);
        }
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
        int inserted = jdbc.update(INSERT, source, key, eventId, OffsetDateTime.now(ZoneOffset.UTC));
        if (inserted == 1) {
            return eventId;
        }
        List<String> found = jdbc.queryForList("SELECT event_id FROM ingest_key WHERE source = ? AND event_key = ?",
                String.class, source, key);
        return found.isEmpty() ? eventId : found.get(0);
    }

    /** Records an accepted key soon, in a batch; until then {@link #owner} answers from memory. */
    public void remember(String source, String key, String eventId) {
        unwritten.put(source + ":" + key, eventId);
        queue.add(new Key(source, key, eventId, Instant.now()));
    }

    void flush() {
        try {
            List<Key> batch = new ArrayList<>(BATCH);
            while (queue.drainTo(batch, BATCH) > 0) {
                jdbc.batchUpdate(INSERT, batch, batch.size(), (ps, k) -> {
                    ps.setString(1, k.source());
                    ps.setString(2, k.key());
                    ps.setString(3, k.eventId());
                    ps.setObject(4, OffsetDateTime.ofInstant(k.at(), ZoneOffset.UTC));
                });
                batch.forEach(k -> unwritten.remove(k.source() + ":" + k.key(), k.eventId()));
                batch.clear();
            }
        } catch (RuntimeException e) {
            // the normalise route claims every key anyway; these rows only speed up duplicate answers
            LOG.warn("could not record accepted keys early ({}); the normalise route will", e.toString());
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
