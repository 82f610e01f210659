package org.wifionboarding.hub.connect.http;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A request rate shared by every consumer on every hub node: a Bucket4j token bucket whose state lives
 * in the hub's database ({@code rate_limit_bucket}, one row per key, updated under {@code SELECT ... FOR
 * UPDATE}), so nodes sharing the database share the limit. A caller over the rate waits its turn.
 * The bucket holds one token and refills {@code permits} per period, evenly spaced, so no window of one
 * period ever sees more than {@code permits + 1} requests.
 */
public final class SharedRateLimit implements Runnable {

    public static final String TABLE = "rate_limit_bucket";

    private final BucketProxy bucket;

    public SharedRateLimit(DataSource dataSource, String key, int perSecond) {
        this(dataSource, key, perSecond, Duration.ofSeconds(1));
    }

    /** {@code permits} per {@code period}, one at a time, evenly spaced. */
    public SharedRateLimit(DataSource dataSource, String key, long permits, Duration period) {
        if (permits < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 permit per period");
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillIntervally(1, Duration.ofNanos(Math.max(1, period.toNanos() / permits))))
                .build();
        // Bucket4j would add the row itself with "ON CONFLICT(id)", which H2 does not parse; an empty row is its starting point too
        new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .update("INSERT INTO " + TABLE + " (id, state) VALUES (?, NULL) ON CONFLICT DO NOTHING", key);
        this.bucket = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state")
                .build()
                .builder().build(key, () -> configuration);
    }

    /** Waits until this caller may send one request. */
    @Override
    public void run() {
        try {
            bucket.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rate limit", e);
        }
    }
}
