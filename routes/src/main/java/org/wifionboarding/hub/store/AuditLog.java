package org.wifionboarding.hub.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every admin action, kept in the database ({@code GET /api/audit}) and logged on {@code org.wifionboarding.hub.audit}:
 * who (the name of the token used), what, on what, when. Subjects are ids (a booking key, a review item, a queue) and
 * details are counts or outcomes, never personal data.
 */
public final class AuditLog {

    /** The actor of the admin bearer token. */
    public static final String ADMIN = "admin";

    private static final Logger LOG = LoggerFactory.getLogger("org.wifionboarding.hub.audit");

    public record Entry(long id, Instant at, String actor, String action, String subject, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    public void record(String actor, String action, String subject, String detail) {
        jdbc.update("INSERT INTO admin_audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), actor, action, cut(subject), cut(detail));
        LOG.info("{} {} {}{}", actor, action, subject == null ? "-" : subject, detail == null ? "" : " (" + detail + ")");
    }

    /** The latest entries, newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.query("SELECT id, at, actor, action, subject, detail FROM admin_audit ORDER BY id DESC LIMIT ?",
                (rs, n) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("detail")), limit);
    }

    private static String cut(String value) {
        return value == null || value.length() <= 300 ? value : value.substring(0, 300);
    }
}
