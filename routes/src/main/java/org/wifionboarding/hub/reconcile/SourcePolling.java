package org.wifionboarding.hub.reconcile;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.ingest.WebhookIntake;
import org.wifionboarding.hub.mapping.Json;

/**
 * Polls a source that has no webhooks (OPERA Cloud): reads pages of events after the source's persisted
 * cursor and hands each to {@code accept}, the pipeline webhooks take after the HTTP gate (schema, mapping check,
 * de-duplication on the source's event id, durable send to {@code hub.inbound}; refusals become review
 * items). A page is written to the database ({@code polled_page}, encrypted) the moment it arrives, before any
 * of it is handled and before the next call: OHIP's queue forgets what it hands out, so a crash while the page
 * is being handled must not lose it; the next poll hands the leftovers over first. The cursor moves, and the
 * page is deleted, once every event of it is on the broker, so a crash repeats at most a page (which
 * de-duplication absorbs) and never skips one. Quartz, clustered on the database, runs one poller per source.
 */
public final class SourcePolling {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePolling.class);

    private final SourceRegistry sources;
    private final JdbcTemplate jdbc;
    private final int maxPages;
    private final Clock clock;

    private final org.wifionboarding.hub.store.AtRestCipher cipher;
    private final org.wifionboarding.hub.store.DurableCommits durable;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    public SourcePolling(SourceRegistry sources, DataSource dataSource, int maxPages, Clock clock, org.wifionboarding.hub.store.AtRestCipher cipher,
            org.wifionboarding.hub.store.DurableCommits durable) {
        this.durable = durable;
        this.sources = sources;
        this.cipher = cipher;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
        this.jdbc = new JdbcTemplate(dataSource);
        this.maxPages = maxPages;
        this.clock = clock;
    }

    public List<String> sources() {
        return sources.names().stream().filter(n -> sources.enabled(n).connector().poller().isPresent()).sorted().toList();
    }

    public void poll(Exchange exchange) throws Exception {
        String source = exchange.getMessage().getHeader(HubHeaders.SOURCE, String.class);
        SourceConnector.Poller poller = sources.enabled(source).connector().poller().orElseThrow();
        ProducerTemplate producer = exchange.getContext().createProducerTemplate();
        try {
            String key = "poll:" + source;
            int events = leftovers(source, key, producer);
            String cursor = jdbc.query("SELECT position FROM source_cursor WHERE source = ?", (rs, n) -> rs.getString(1), key).stream()
                    .findFirst().orElse(null);
            for (int pageNo = 0; pageNo < maxPages; pageNo++) {
                SourceConnector.Page page = poller.poll(cursor);
                if (!page.events().isEmpty()) {
                    long kept = keep(source, page);   // first of all: the source may have forgotten these already
                    durable.fence();                  // and on disk, before its events are handed on
                    for (var event : page.events()) {
                        producer.sendBodyAndHeader("direct:accept", Json.MAPPER.writeValueAsBytes(event), "source", source);
                    }
                    events += page.events().size();
                    String reached = page.cursor();
                    transaction.executeWithoutResult(status -> {
                        jdbc.update("DELETE FROM polled_page WHERE id = ?", kept);
                        if (reached != null) {
                            save(key, reached);
                        }
                    });
                } else if (page.cursor() != null && !page.cursor().equals(cursor)) {
                    save(key, page.cursor());
                }
                cursor = page.cursor() != null ? page.cursor() : cursor;
                if (!page.more()) {
                    break;
                }
            }
            LOG.info("polled {}: {} event(s), cursor now {}", source, events, cursor);
        } finally {
            producer.stop();
        }
    }

    /** Writes a page the moment it arrives, encrypted; returns its id. */
    private long keep(String source, SourceConnector.Page page) throws java.io.IOException {
        byte[] sealed = cipher.encrypt(Json.MAPPER.writeValueAsBytes(page.events()));
        org.springframework.jdbc.support.GeneratedKeyHolder id = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO polled_page (source, cursor, events_enc, received_at) VALUES (?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, source);
            ps.setString(2, page.cursor());
            ps.setBytes(3, sealed);
            ps.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return ps;
        }, id);
        return id.getKey().longValue();
    }

    /** Hands over the pages an earlier poll kept but did not finish (a crash, a stop), oldest first; returns their events. */
    private int leftovers(String source, String key, ProducerTemplate producer) throws java.io.IOException {
        int handed = 0;
        for (var page : jdbc.query("SELECT id, cursor, events_enc FROM polled_page WHERE source = ? ORDER BY id",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBytes(3)}, source)) {
            for (var event : Json.MAPPER.readTree(cipher.decrypt((byte[]) page[2]))) {
                producer.sendBodyAndHeader("direct:accept", Json.MAPPER.writeValueAsBytes(event), "source", source);
                handed++;
            }
            transaction.executeWithoutResult(status -> {
                jdbc.update("DELETE FROM polled_page WHERE id = ?", page[0]);
                if (page[1] != null) {
                    save(key, (String) page[1]);
                }
            });
            LOG.info("polled {}: a page kept before a stop was handed over", source);
        }
        return handed;
    }

    private void save(String key, String cursor) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (jdbc.update("UPDATE source_cursor SET position = ?, updated_at = ? WHERE source = ?", cursor, now, key) == 0) {
            jdbc.update("INSERT INTO source_cursor (source, position, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", key, cursor, now);
        }
    }
}
