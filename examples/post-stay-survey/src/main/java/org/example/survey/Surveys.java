package org.example.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The surveys to send, in an H2 file: one row per check-out event ({@code webhook-id} is the key, so the hub's retry
 * of an event it already delivered is one survey), the guest's address kept only until the survey is sent.
 */
public final class Surveys {

    /** A survey due: whom to, in which language, about which stay. */
    public record Due(String webhookId, String email, String name, String language, String venue) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcDataSource database = new JdbcDataSource();
    private final Duration delay;
    private final Clock clock;

    public Surveys(String dataDir, Duration delay, Clock clock) throws SQLException {
        database.setURL("jdbc:h2:" + java.nio.file.Path.of(dataDir).toAbsolutePath().resolve("surveys"));
        this.delay = delay;
        this.clock = clock;
        try (Connection c = database.getConnection()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS survey (webhook_id VARCHAR(64) PRIMARY KEY, email VARCHAR(320), "
                    + "name VARCHAR(200), language VARCHAR(8), venue VARCHAR(100), due_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "sent_at TIMESTAMP WITH TIME ZONE)");
        }
    }

    /** Takes one event: a check-out with the guest's email becomes a survey due {@code delay} after it; anything else is ignored. */
    public void take(String body, String webhookId) throws Exception {
        JsonNode event = JSON.readTree(body);
        JsonNode guest = event.path("data").path("guest");
        if (!"booking.checked_out".equals(event.path("type").asText()) || guest.path("email").asText("").isBlank()) {
            return;
        }
        Instant checkedOut = Instant.parse(event.path("timestamp").asText());
        try (Connection c = database.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO survey (webhook_id, email, name, language, venue, due_at) "
                     + "VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, webhookId);
            insert.setString(2, guest.path("email").asText());
            insert.setString(3, guest.path("name").asText(""));
            insert.setString(4, guest.path("language").asText("en"));
            insert.setString(5, event.path("data").path("venue").asText());
            insert.setTimestamp(6, Timestamp.from(checkedOut.plus(delay)));
            insert.executeUpdate();
        } catch (java.sql.SQLIntegrityConstraintViolationException again) {
            // the hub sent this event again (it may, after a crash): one survey
        }
    }

    public List<Due> due() throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = database.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT webhook_id, email, name, language, venue FROM survey "
                     + "WHERE sent_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT 100")) {
            select.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return due;
    }

    /** Sent: the guest's address and name are forgotten. */
    public void sent(String webhookId) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE survey SET sent_at = ?, email = NULL, name = NULL WHERE webhook_id = ?")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setString(2, webhookId);
            update.executeUpdate();
        }
    }

    public int count(boolean sent) throws SQLException {
        try (Connection c = database.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM survey WHERE sent_at IS " + (sent ? "NOT NULL" : "NULL"))) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
