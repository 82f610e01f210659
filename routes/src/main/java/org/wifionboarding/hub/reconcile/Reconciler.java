package org.wifionboarding.hub.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import java.util.Map;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.ingest.EventIdentity;
import org.wifionboarding.hub.ingest.WebhookIntake;
import org.wifionboarding.hub.lifecycle.SourceVersions;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore;

/**
 * Anti-entropy: asks a source's API which bookings changed since the source's cursor (less an overlap,
 * so nothing falls between two runs), and feeds every change the hub has not applied (an unknown booking,
 * or a newer version than the stored one) into {@code hub.inbound} as the source's own webhook would, so a
 * lost webhook still yields a credential. What was already seen is not fed again. The cursor is persisted
 * ({@code source_cursor}) only after the run's messages are on the broker; Quartz, clustered on the
 * database, runs each source's schedule on one node at a time.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final SourceRegistry sources;
    private final BookingStore bookings;
    private final JdbcTemplate jdbc;
    private final Duration overlap;
    private final Duration firstLookback;
    private final Clock clock;

    public Reconciler(SourceRegistry sources, BookingStore bookings, DataSource dataSource, Duration overlap, Duration firstLookback, Clock clock) {
        this.sources = sources;
        this.bookings = bookings;
        this.jdbc = new JdbcTemplate(dataSource);
        this.overlap = overlap;
        this.firstLookback = firstLookback;
        this.clock = clock;
    }

    /** The sources whose connectors can reconcile. */
    public List<String> sources() {
        return sources.names().stream().filter(n -> sources.enabled(n).connector().reconciliation().isPresent()).sorted().toList();
    }

    /** A change the hub has not seen: the event to feed to {@code hub.inbound} as if its webhook had come. */
    public record Missed(String source, String eventId, String dedupeKey, Instant receivedAt, byte[] notification) {

        /** The headers of its message on {@code hub.inbound}, as the webhook intake would have set them. */
        public Map<String, Object> headers() {
            return Map.of(HubHeaders.SOURCE, source, HubHeaders.EVENT_ID, eventId, HubHeaders.RECEIVED_AT, receivedAt.toEpochMilli(),
                    HubHeaders.DEDUPE_KEY, dedupeKey, HubHeaders.ARTEMIS_DUPLICATE_ID, eventId, HubHeaders.ORIGIN, "reconciliation");
        }
    }

    /** One run over a source: the window's end (the cursor's next position) and what it missed. */
    public record Run(String source, Instant windowEnd, List<Missed> missed) {

        public Run {
            missed = List.copyOf(missed);
        }
    }

    /** Asks the source what changed since the cursor (less the overlap) and keeps what the hub has not seen. */
    public Run reconcile(@Header(HubHeaders.SOURCE) String source) throws JsonProcessingException {
        SourceConnector.Reconciliation api = sources.enabled(source).connector().reconciliation().orElseThrow();
        Instant to = clock.instant();
        Instant cursor = jdbc.query("SELECT position FROM source_cursor WHERE source = ?", (rs, n) -> Instant.parse(rs.getString(1)), source)
                .stream().findFirst().orElse(to.minus(firstLookback));
        Instant from = cursor.minus(overlap);
        List<Missed> feed = new ArrayList<>();
        List<SourceConnector.Change> changes = api.changedBetween(from, to);
        for (SourceConnector.Change change : changes) {
            Booking known = bookings.find(source, change.bookingId()).orElse(null);
            String key;
            if (change.version() != null) {
                if (known != null && !SourceVersions.isOlder(known.sourceVersion, change.version())) {
                    continue;   // the hub has this version (or a newer one) already
                }
                key = "reconcile:" + change.bookingId() + "@" + change.version();
            } else if (known == null) {
                key = "reconcile:" + change.bookingId() + "@first-sight";   // a source without versions: a booking never seen, once
            } else if (change.type() != null && !matches(known.state, change.type())) {
                key = "reconcile:" + change.bookingId() + "@" + change.type();   // its state says a change was lost: fed once per state
            } else {
                continue;
            }
            feed.add(new Missed(source, EventIdentity.of(source, key), key, to, Json.MAPPER.writeValueAsBytes(api.notification(List.of(change.bookingId())))));
        }
        LOG.info("reconciliation of {} from {} to {}: {} change(s) reported, {} not seen by the hub", source, from, to, changes.size(), feed.size());
        return new Run(source, to, feed);
    }

    /** Whether the booking's credential is already where an event of this type leaves it. */
    static boolean matches(org.wifionboarding.hub.store.CredentialState state, org.wifionboarding.hub.model.EventType type) {
        return switch (type) {
            case CONFIRMED, MODIFIED -> state != org.wifionboarding.hub.store.CredentialState.NONE;
            case CHECKED_IN -> state != org.wifionboarding.hub.store.CredentialState.PENDING && state != org.wifionboarding.hub.store.CredentialState.NONE;
            case CHECKED_OUT, CANCELLED -> !state.live();
        };
    }

    /** Moves the cursor to the end of the run's window, once its messages are on the broker. */
    public void advance(Run run) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (jdbc.update("UPDATE source_cursor SET position = ?, updated_at = ? WHERE source = ?", run.windowEnd().toString(), now, run.source()) == 0) {
            jdbc.update("INSERT INTO source_cursor (source, position, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", run.source(),
                    run.windowEnd().toString(), now);
        }
    }
}
