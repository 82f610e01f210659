package org.wifionboarding.hub.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
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
 * #remember} is the ingest route's record, made after the durable send (never before it, so a crash
 * between the two loses no event) and before the 202: a sender told "accepted" is told "duplicate"
 * when it repeats, even across a crash. One writer thread commits whatever keys are waiting in one
 * batch (group commit), so the request threads share transactions instead of each paying for one.
 */
public final class IngestLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLedger.class);
    private static final int BATCH = 500;
    private static final String INSERT = "INSERT INTO ingest_key (source, event_key, event_id, received_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    private record Key(String source, String key, String eventId, Instant at, CompletableFuture<Void> written) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, String> unwritten = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Key> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;

    /**
     * The batches are committed, not fenced with a checkpoint on the embedded H2: a key a crash takes with it costs only
     * the "duplicate" answer to a retry (the retry is sent again under the same event id, which the broker's duplicate
     * detection or the ledgers downstream apply once), while a fence held every 202 behind the checkpoints of the whole
     * hub's stages.
     */
    public IngestLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.writer = new Thread(this::write, "ingest-ledger-writer");
        writer.setDaemon(true);
        writer.start();
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

    /**
     * Records an accepted key in the next batch; until it is written {@link #owner} answers from memory.
     *
     * @return completes once the key is committed, or exceptionally if the batch could not be written
     *         (the event is safe either way: normalise claims its key)
     */
    public CompletableFuture<Void> remember(String source, String key, String eventId) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        unwritten.put(source + ":" + key, eventId);
        queue.add(new Key(source, key, eventId, Instant.now(), written));
        if (!open) {
            flush();
        }
        return written;
    }

    private void write() {
        while (open) {
            try {
                Key first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Key> batch = new ArrayList<>(BATCH);
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Key> batch) {
        try {
            jdbc.batchUpdate(INSERT, batch, batch.size(), (ps, k) -> {
                ps.setString(1, k.source());
                ps.setString(2, k.key());
                ps.setString(3, k.eventId());
                ps.setObject(4, OffsetDateTime.ofInstant(k.at(), ZoneOffset.UTC));
            });
            batch.forEach(k -> {
                unwritten.remove(k.source() + ":" + k.key(), k.eventId());
                k.written().complete(null);
            });
        } catch (RuntimeException e) {
            // the normalise route claims every key anyway; memory answers repeats on this node meanwhile
            LOG.warn("could not record {} accepted keys ({}); the normalise route will", batch.size(), e.toString());
            batch.forEach(k -> k.written().completeExceptionally(e));
        }
    }

    /** Writes what is waiting, on the caller's thread. */
    synchronized void flush() {
        List<Key> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            write(batch);
            batch.clear();
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
