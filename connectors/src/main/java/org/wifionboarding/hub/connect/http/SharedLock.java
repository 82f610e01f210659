package org.wifionboarding.hub.connect.http;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A lock shared by every hub node through the database ({@code target_lock}, one row per name held
 * with {@code SELECT ... FOR UPDATE} for the length of the work): for controllers whose API only lets
 * us read a whole list and write it back, where two consumers at once would lose one's change.
 */
public final class SharedLock {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String name;

    public SharedLock(DataSource dataSource, String name) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.name = name;
        jdbc.update("INSERT INTO target_lock (name) VALUES (?) ON CONFLICT DO NOTHING", name);
    }

    public <T> T holding(Supplier<T> work) {
        return transaction.execute(status -> {
            jdbc.queryForObject("SELECT name FROM target_lock WHERE name = ? FOR UPDATE", String.class, name);
            return work.get();
        });
    }
}
