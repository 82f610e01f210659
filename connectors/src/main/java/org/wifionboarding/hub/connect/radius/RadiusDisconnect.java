package org.wifionboarding.hub.connect.radius;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.tinyradius.attribute.IntegerAttribute;
import org.tinyradius.packet.CoaRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusClient;
import org.tinyradius.util.RadiusException;
import org.wifionboarding.hub.connect.TargetUnavailableException;

/**
 * Ends the network sessions of a revoked credential: every session FreeRADIUS has recorded as open in
 * {@code radacct} (an Accounting-Start without a Stop) gets an RFC 5176 Disconnect-Request, sent to the NAS that
 * reported it, on {@code hub.radius.disconnect.port} with the shared secret {@code hub.radius.disconnect.secret}
 * (TinyRadius builds and checks the packets' authenticators). A Disconnect-ACK ends it; a NAK saying the session is
 * already gone (Error-Cause 503) counts as ended; a NAS that does not answer makes the whole reconciliation try again.
 */
public final class RadiusDisconnect {

    private static final Logger LOG = LoggerFactory.getLogger(RadiusDisconnect.class);
    /** RFC 5176 Error-Cause "Session Context Not Found": the NAS has no such session any more. */
    static final int SESSION_CONTEXT_NOT_FOUND = 503;
    private static final int ERROR_CAUSE = 101;

    private final NamedParameterJdbcTemplate jdbc;
    private final String secret;
    private final int port;
    private final Duration timeout;

    public RadiusDisconnect(DataSource dataSource, String secret, int port, Duration timeout) {
        this.jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(dataSource));
        this.secret = secret;
        this.port = port;
        this.timeout = timeout;
    }

    /** An open session as FreeRADIUS recorded it (no MAC or IP leaves this class but the NAS address). */
    record Session(String sessionId, String nas, String username, String callingStation) {
    }

    /** How many open sessions there were and how many the NASes confirmed ended. */
    public record Outcome(int open, int ended) {
        public static final Outcome NONE = new Outcome(0, 0);
    }

    public Outcome disconnect(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Outcome.NONE;
        }
        List<Session> open = jdbc.query("SELECT acctsessionid, nasipaddress, username, callingstationid FROM radacct "
                        + "WHERE username IN (:users) AND acctstoptime IS NULL ORDER BY radacctid",
                new MapSqlParameterSource("users", usernames),
                (rs, n) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        int ended = 0;
        List<String> unanswered = new ArrayList<>();
        for (Session session : open) {
            try {
                if (send(session)) {
                    ended++;
                }
            } catch (IOException | RadiusException e) {
                unanswered.add(session.nas());
            }
        }
        if (!unanswered.isEmpty()) {
            throw new TargetUnavailableException("no Disconnect-ACK from NAS " + unanswered + " within " + timeout, null, null);
        }
        return new Outcome(open.size(), ended);
    }

    private boolean send(Session session) throws IOException, RadiusException {
        CoaRequest request = new CoaRequest(RadiusPacket.DISCONNECT_REQUEST);
        request.addAttribute("User-Name", session.username());
        request.addAttribute("Acct-Session-Id", session.sessionId());
        if (session.callingStation() != null && !session.callingStation().isBlank()) {
            request.addAttribute("Calling-Station-Id", session.callingStation());
        }
        if (session.nas().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            request.addAttribute("NAS-IP-Address", session.nas());
        }
        RadiusClient client = new RadiusClient(session.nas(), secret);
        try {
            client.setSocketTimeout((int) timeout.toMillis());
            client.setRetryCount(2);
            RadiusPacket answer = client.communicate(request, port);
            if (answer.getPacketType() == RadiusPacket.DISCONNECT_ACK) {
                LOG.info("session {} on NAS {} ended (Disconnect-ACK)", session.sessionId(), session.nas());
                return true;
            }
            int cause = answer.getAttribute(ERROR_CAUSE) instanceof IntegerAttribute error ? error.getAttributeValueInt() : -1;
            boolean gone = cause == SESSION_CONTEXT_NOT_FOUND;
            LOG.warn("session {} on NAS {}: {} ({})", session.sessionId(), session.nas(), answer.getPacketTypeName(),
                    gone ? "no such session any more" : "Error-Cause " + cause);
            return gone;
        } finally {
            client.close();
        }
    }
}
