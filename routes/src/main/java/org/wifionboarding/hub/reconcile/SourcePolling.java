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
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.ingest.WebhookIntake;
import org.wifionboarding.hub.mapping.Json;

/**
 * Polls a source that has no webhooks (OPERA Cloud): reads pages of events after the source's persisted
 * cursor and hands each to {@code accept-polled}, the webhook path without HTTP (schema, mapping check,
 * de-duplication on the source's event id, durable send to {@code hub.inbound}; refusals become review
 * items). The cursor moves after each page is on the broker, so a crash repeats at most a page (which
 * de-duplication absorbs) and never skips one. Quartz, clustered on the database, runs one poller per source.
 */
public final class SourcePolling {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePolling.class);

    private final SourceRegistry sources;
    private final JdbcTemplate jdbc;
    private final int maxPages;
    private final Clock clock;

    public SourcePolling(SourceRegistry sources, DataSource dataSource, int maxPages, Clock clock) {
        this.sources = sources;
        this.jdbc = new JdbcTemplate(dataSource);
        this.maxPages = maxPages;
        this.clock = clock;
    }

    public List<String> sources() {
        return sources.names().stream().filter(n -> sources.enabled(n).connector().poller().isPresent()).sorted().toList();
    }

    public void poll(Exchange exchange) throws Exception {
        String source = exchange.getMessage().getHeader(WebhookIntake.SOURCE, String.class);
        SourceConnector.Poller poller = sources.enabled(source).connector().poller().orElseThrow();
        ProducerTemplate producer = exchange.getContext().createProducerTemplate();
        try {
            String key = "poll:" + source;
            String cursor = jdbc.query("SELECT position FROM source_cursor WHERE source = ?", (rs, n) -> rs.getString(1), key).stream()
                    .findFirst().orElse(null);
            int events = 0;
            for (int pageNo = 0; pageNo < maxPages; pageNo++) {
                SourceConnector.Page page = poller.poll(cursor);
                for (var event : page.events()) {
                    producer.sendBodyAndHeader("direct:accept-polled", Json.MAPPER.writeValueAsBytes(event), "source", source);
                }
                events += page.events().size();
                if (page.cursor() != null && !page.cursor().equals(cursor)) {
                    cursor = page.cursor();
                    save(key, cursor);
                }
                if (!page.more()) {
                    break;
                }
            }
            LOG.info("polled {}: {} event(s), cursor now {}", source, events, cursor);
        } finally {
            producer.stop();
        }
    }

    private void save(String key, String cursor) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (jdbc.update("UPDATE source_cursor SET position = ?, updated_at = ? WHERE source = ?", cursor, now, key) == 0) {
            jdbc.update("INSERT INTO source_cursor (source, position, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", key, cursor, now);
        }
    }
}
