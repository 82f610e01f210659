package org.wifionboarding.hub.connect.targets;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;

/** An H2 database with the tables targets share (the hub's Flyway migration makes the same), and configuration helpers. */
final class TargetTestSupport {

    private TargetTestSupport() {
    }

    static JdbcConnectionPool database(String name) {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.execute("CREATE TABLE IF NOT EXISTS rate_limit_bucket (id VARCHAR(200) PRIMARY KEY, state BYTEA)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS target_lock (name VARCHAR(200) PRIMARY KEY)");
        return pool;
    }

    static ProvisioningTargetFactory.Resources resources(JdbcConnectionPool pool) {
        return new ProvisioningTargetFactory.Resources(pool, Clock.systemUTC());
    }

    /** Reads options from the given values (keys with {@code <target>} already replaced), else their defaults. */
    static Function<Option, String> config(String name, Map<String, String> values) {
        return option -> values.getOrDefault(ProvisioningTargetFactory.key(option, name), option.defaultValue());
    }

    static Credential stay(CredentialKind kind, String passphrase, boolean usable) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Credential(kind, passphrase, from, from.plus(3, ChronoUnit.DAYS), usable);
    }
}
