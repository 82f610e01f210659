package org.wifionboarding.hub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a stage fails on the embedded H2's lock timeout (error 50200), says who holds the lock: every session of the
 * database with its state, whether it holds uncommitted changes, since when its statement runs and which session blocks
 * it (H2's {@code INFORMATION_SCHEMA.SESSIONS}), in one WARN line per session, at most once a minute. A blocker that is
 * no session at all is a lock left behind by a transaction that no longer exists. Statements are logged as far as their
 * first 100 characters: the hub's SQL carries its values as parameters, never in the text.
 */
public final class LockTimeouts extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LockTimeouts.class);
    /** H2's {@code ErrorCode.LOCK_TIMEOUT_1}. */
    static final int H2_LOCK_TIMEOUT = 50200;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration quiet;
    private volatile Instant last = Instant.EPOCH;
    private final java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger();

    public LockTimeouts(DataSource dataSource, Clock clock, Duration quiet) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.quiet = quiet;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeFailedEvent || event instanceof CamelEvent.ExchangeFailureHandlingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Throwable failure = event instanceof CamelEvent.ExchangeEvent exchangeEvent ? exchangeEvent.getExchange().getException() : null;
        if (failure == null && event instanceof CamelEvent.ExchangeEvent exchangeEvent) {
            failure = exchangeEvent.getExchange().getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (!isLockTimeout(failure)) {
            return;
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(last.plus(quiet))) {
                return;
            }
            last = now;
        }
        reported.incrementAndGet();
        try {
            List<String> sessions = sessions();
            LOG.warn("H2 lock timeout (50200) in route {}: {} session(s) of the database follow", routeOf(event), sessions.size());
            sessions.forEach(s -> LOG.warn("H2 session {}", s));
        } catch (SQLException unreadable) {
            LOG.warn("H2 lock timeout (50200), and the sessions could not be read: {}", unreadable.toString());
        }
    }

    private static String routeOf(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeEvent e && e.getExchange().getFromRouteId() != null ? e.getExchange().getFromRouteId() : "?";
    }

    /** How many diagnoses were logged. */
    public int reported() {
        return reported.get();
    }

    static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_LOCK_TIMEOUT) {
                return true;
            }
        }
        return false;
    }

    /** Every session of the database, one line each: id, state, uncommitted changes, statement start and text, blocker. */
    public List<String> sessions() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SESSION_ID, SESSION_STATE, CONTAINS_UNCOMMITTED, EXECUTING_STATEMENT_START, "
                     + "EXECUTING_STATEMENT, BLOCKER_ID, SESSION_ID = SESSION_ID() FROM INFORMATION_SCHEMA.SESSIONS ORDER BY SESSION_ID")) {
            while (rs.next()) {
                String statement = rs.getString(5);
                lines.add(rs.getInt(1) + (rs.getBoolean(7) ? " (this diagnosis)" : "") + ": state " + rs.getString(2) + ", uncommitted "
                        + rs.getBoolean(3) + ", statement since " + rs.getTimestamp(4) + " "
                        + (statement == null ? "none" : statement.length() > 100 ? statement.substring(0, 100) + "…" : statement)
                        + ", blocked by " + (rs.getObject(6) == null ? "none" : rs.getInt(6)));
            }
        }
        return lines;
    }
}
