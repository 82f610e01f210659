package org.wifionboarding.hub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** The hub's database: PostgreSQL when configured, else an H2 file under the data directory; pooled, migrated by Flyway. */
public final class HubDatabase {

    /** H2 set to behave like PostgreSQL, so one schema and one set of queries serve both. */
    // DB_CLOSE_ON_EXIT=FALSE: the hub closes the pool after its routes stop; H2 must not close first on JVM exit.
    // H2's default WRITE_DELAY (500 ms): a commit is in memory until the store's next chunk. Whatever must survive a kill
    // before something outside the database acts on it is fenced (DurableCommits): each consumer's commits before its
    // JMS commit, a send's claim before the provider is called, a polled page before its events are handed on, an admin
    // or desk change before it is answered. WRITE_DELAY=0 instead wrote a chunk at every commit, on the committing
    // thread: 54 % of the hub's CPU in a drain, for a durability the fences had to provide all the same (docs/reliability.md).
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";

    /** The hub's Flyway history table in a host's database. */
    public static final String HOST_HISTORY_TABLE = "hub_schema_history";

    private HubDatabase() {
    }

    /**
     * The embedded database, on H2's {@code async:} file system (an {@code AsynchronousFileChannel}): a thread
     * interrupted while it writes (a shutdown, a timeout) would close an ordinary {@code FileChannel} under H2,
     * which then takes the whole database down ("The database has been closed") until a restart.
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:async:" + dataDir.resolve("db").resolve("hub").toAbsolutePath() + H2_OPTIONS;
    }

    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hub-db");
        config.setJdbcUrl(url);
        config.setUsername(user.isBlank() && url.startsWith("jdbc:h2:") ? "sa" : user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(4, poolSize));
        config.setConnectionTimeout(5_000);   // a database that is gone fails requests (503, a retry) in seconds, not half a minute
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource, "flyway_schema_history");
        return dataSource;
    }

    /**
     * Creates or updates the hub's tables with Flyway. In a host's database the history table is the hub's own
     * ({@link #HOST_HISTORY_TABLE}), so the host's own Flyway history stays untouched.
     */
    public static void migrate(javax.sql.DataSource dataSource, String historyTable) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table(historyTable).load().migrate();
    }
}
