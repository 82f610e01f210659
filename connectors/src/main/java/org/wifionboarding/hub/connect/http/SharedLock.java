package org.wifionboarding.hub.connect.http;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Locks by name, shared by every hub node, for work two consumers must not do at once: a controller list read whole
 * and written back (UniFi's PSKs), the rows of one RADIUS account.
 *
 * <p>On a database several nodes share (PostgreSQL), a row per name in {@code target_lock}, held with
 * {@code SELECT ... FOR UPDATE} for the length of the work, which runs in that transaction (database work joins it).
 * On the embedded H2, which one process holds, a lock in this process instead: after a SIGKILL during such work, H2
 * has kept the {@code target_lock} row locked across restarts (error 50200 on every later attempt, until the booking
 * was given up: twice in the one-node fault test); the work then brings its own transaction if it needs one.
 */
public final class SharedLock {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ReentrantLock[] inProcess;

    public SharedLock(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.inProcess = embedded(dataSource) ? new ReentrantLock[64] : null;
        if (inProcess != null) {
            Arrays.setAll(inProcess, i -> new ReentrantLock());
        }
    }

    /** Runs {@code work} holding the lock called {@code name}. */
    public <T> T holding(String name, Supplier<T> work) {
        if (inProcess != null) {
            ReentrantLock lock = inProcess[Math.floorMod(name.hashCode(), inProcess.length)];
            lock.lock();
            try {
                return work.get();
            } finally {
                lock.unlock();
            }
        }
        return transaction.execute(status -> {
            jdbc.update("INSERT INTO target_lock (name) VALUES (?) ON CONFLICT DO NOTHING", name);
            jdbc.query("SELECT name FROM target_lock WHERE name = ? FOR UPDATE", rs -> { }, name);
            return work.get();
        });
    }

    /** Forgets the lock called {@code name} for good (what it guarded is gone); call it while holding it. */
    public void forget(String name) {
        if (inProcess == null) {
            jdbc.update("DELETE FROM target_lock WHERE name = ?", name);
        }
    }

    /** Whether the database is an H2: the hub's embedded database, which one process holds. */
    private static boolean embedded(DataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException unknown) {
            return false;   // the row lock serves any database
        }
    }
}
