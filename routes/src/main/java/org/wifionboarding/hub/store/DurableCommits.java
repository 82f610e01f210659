package org.wifionboarding.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded H2's commits durable before the broker is told a message is done.
 *
 * <p>H2's MVStore keeps a committed transaction in memory until the store writes its next chunk, and with several
 * sessions committing at once a commit that finds another session's write in progress does not write at all
 * ({@code MVStore.tryCommit}). A SIGKILL then loses the commits since the last chunk: measured in the fault test as
 * 2 and then 32 bookings whose events the broker had already handed over and forgotten. So before a consumer's JMS
 * transaction commits (and before the front desk shows a credential made by hand), {@link #fence()} waits for an H2 {@code CHECKPOINT}
 * that started after the caller's own commit, and then for every chunk write H2 had begun before it: together they put
 * every committed change in the file, which then survives the process. One thread runs the checkpoints and every
 * caller waiting at that moment shares one (group commit). With PostgreSQL, whose commits are durable, {@link #NONE}
 * does nothing.
 *
 * <p>{@code CHECKPOINT} alone is not enough. It writes a chunk only if the store has changes no chunk has taken yet
 * ({@code MVStore.store}); when H2's background writer or another session's commit ({@code MVStore.tryCommit}) has
 * just taken the caller's commit into a chunk that its serialisation and save threads are still writing, it returns at
 * once. So after it the fence also waits for those threads to finish what they were given
 * ({@code FileStore.executeFileStoreOperation}). That race is the likely cause of the one subscriber event the events
 * crash test lost in about four runs: a delivery row committed, the broker told the message was done, the process
 * killed before H2's save thread had written the chunk holding the row.
 */
public class DurableCommits {

    /** For a database whose commits are durable when they return. */
    public static final DurableCommits NONE = new DurableCommits(null);

    private static final Logger LOG = LoggerFactory.getLogger(DurableCommits.class);

    private final DataSource dataSource;
    private long requested;
    private long completed;
    private long checkpoints;
    private boolean running;
    private int waiting;
    private long chunkWaits;
    private boolean warnedNoFileStore;   // the checkpoint thread's alone
    private final Thread[] worker = new Thread[1];
    private volatile CheckpointListener listener = (fences, took) -> { };

    /** Told of each checkpoint: how many fences it released and how long it took (the hub's meters listen). */
    @FunctionalInterface
    public interface CheckpointListener {
        void checkpoint(long fences, java.time.Duration took);
    }

    public DurableCommits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DurableCommits listener(CheckpointListener listener) {
        this.listener = listener;
        return this;
    }

    /** Returns once every commit this thread made before the call is in the database file. */
    public void fence() {
        if (dataSource == null) {
            return;
        }
        long ticket;
        synchronized (this) {
            ticket = ++requested;
            if (!running) {
                running = true;
                Thread thread = new Thread(this::checkpoints, "h2-checkpoint");
                thread.setDaemon(true);
                worker[0] = thread;
                thread.start();
            }
            waiting++;
            try {
                while (completed < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the database to write its commits", e);
                    }
                }
            } finally {
                waiting--;
            }
        }
    }

    /** How many checkpoints have run (each covers every fence waiting when it began). */
    public synchronized long checkpointCount() {
        return checkpoints;
    }

    /** How many fences have been asked for. */
    public synchronized long requestedCount() {
        return requested;
    }

    /** How many fences have been passed. */
    public synchronized long fenceCount() {
        return completed;
    }

    /**
     * Runs checkpoints while fences wait. A checkpoint that fails (a full disk, a closed database) releases nobody: the
     * waiting consumers hold their JMS transactions, so their messages stay with the broker, and the checkpoint is
     * tried again, at growing intervals, until it succeeds or nobody waits for it any more.
     */
    private void checkpoints() {
        long retryMillis = 0;
        while (true) {
            long covered;
            long before;
            synchronized (this) {
                if (completed == requested) {
                    running = false;
                    return;
                }
                covered = requested;
                before = completed;
            }
            long start = System.nanoTime();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
                awaitChunkWrites(connection);
            } catch (SQLException | RuntimeException e) {
                synchronized (this) {
                    if (waiting == 0) {
                        completed = covered;   // every fence it was for has given up (interrupted)
                        continue;
                    }
                }
                if (retryMillis == 0) {
                    LOG.warn("H2 checkpoint failed; {} commits wait for it and their messages stay with the broker: {}", covered - before, e.toString());
                }
                retryMillis = Math.min(Math.max(2 * retryMillis, 50), 2_000);
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    synchronized (this) {
                        running = false;   // the next fence starts another thread
                    }
                    return;
                }
                continue;
            }
            if (retryMillis > 0) {
                LOG.info("H2 checkpoint succeeded again; the waiting commits are durable");
                retryMillis = 0;
            }
            synchronized (this) {
                completed = covered;
                checkpoints++;
                notifyAll();
            }
            listener.checkpoint(covered - before, java.time.Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** How many checkpoints also waited for H2's chunk writes (all of them, on an embedded H2 reached through the pool). */
    public synchronized long chunkWaitCount() {
        return chunkWaits;
    }

    /** Waits until H2's chunk serialisation and save threads have done all they were given before this call. */
    private void awaitChunkWrites(Connection connection) throws SQLException {
        FileStore<?> file = connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local
                ? local.getDatabase().getStore().getMvStore().getFileStore() : null;
        if (file == null) {
            if (!warnedNoFileStore) {
                warnedNoFileStore = true;
                LOG.warn("the database's connections do not lead to an embedded H2 file store: checkpoints cannot wait for the chunk writes H2 has begun");
            }
            return;
        }
        file.executeFileStoreOperation(() -> { });
        synchronized (this) {
            chunkWaits++;
        }
    }
}
