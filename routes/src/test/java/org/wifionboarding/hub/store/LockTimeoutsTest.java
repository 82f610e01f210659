package org.wifionboarding.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real H2 lock timeout, and the sessions the diagnosis names: the holder, with its uncommitted change, and the waiter. */
class LockTimeoutsTest {

    @TempDir
    Path dir;

    @Test
    void a_lock_timeout_is_recognised_and_its_holder_named() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("db") + HubDatabase.H2_OPTIONS + ";LOCK_TIMEOUT=200");
        try (Connection holder = h2.getConnection(); Connection waiter = h2.getConnection()) {
            holder.createStatement().execute("CREATE TABLE target_lock (name VARCHAR(100) PRIMARY KEY)");
            holder.createStatement().execute("INSERT INTO target_lock VALUES ('radius:guest-1')");
            holder.setAutoCommit(false);
            holder.createStatement().execute("UPDATE target_lock SET name = name WHERE name = 'radius:guest-1'");

            Throwable timeout = catchThrowable(() -> waiter.createStatement().execute("UPDATE target_lock SET name = name WHERE name = 'radius:guest-1'"));
            assertThat(LockTimeouts.isLockTimeout(new RuntimeException(timeout))).as(String.valueOf(timeout)).isTrue();
            assertThat(LockTimeouts.isLockTimeout(new java.sql.SQLException("other", "42000", 42000))).isFalse();

            LockTimeouts diagnosis = new LockTimeouts(h2, Clock.systemUTC(), Duration.ofMinutes(1));
            var sessions = diagnosis.sessions();
            assertThat(sessions).anyMatch(s -> s.contains("uncommitted true"));
            assertThat(sessions).anyMatch(s -> s.contains("(this diagnosis)"));

            // a failed exchange whose cause is the timeout is diagnosed, once a minute at most; another failure is not
            try (var camel = new org.apache.camel.impl.DefaultCamelContext()) {
                var exchange = new org.apache.camel.support.DefaultExchange(camel);
                exchange.setException(new IllegalStateException("wrapped", timeout));
                diagnosis.notify(new org.apache.camel.impl.event.ExchangeFailedEvent(exchange));
                diagnosis.notify(new org.apache.camel.impl.event.ExchangeFailedEvent(exchange));
                var other = new org.apache.camel.support.DefaultExchange(camel);
                other.setException(new IllegalStateException("no lock"));
                diagnosis.notify(new org.apache.camel.impl.event.ExchangeFailedEvent(other));
            }
            assertThat(diagnosis.reported()).isEqualTo(1);
            holder.rollback();
        }
    }
}
