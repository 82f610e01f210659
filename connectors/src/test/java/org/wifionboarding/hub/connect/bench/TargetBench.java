package org.wifionboarding.hub.connect.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.ProvisioningTarget.Account;
import org.wifionboarding.hub.connect.ProvisioningTarget.Credential;
import org.wifionboarding.hub.connect.ProvisioningTarget.Result;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.clearpass.ClearPassTargetFactory;
import org.wifionboarding.hub.connect.meraki.MerakiTargetFactory;
import org.wifionboarding.hub.connect.radius.RadiusSqlTargetFactory;
import org.wifionboarding.hub.connect.stub.ClearPassStub;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.connect.stub.MerakiStub;
import org.wifionboarding.hub.connect.stub.UnifiStub;
import org.wifionboarding.hub.connect.unifi.UnifiTargetFactory;
import org.wifionboarding.hub.connect.webhook.SignedWebhookTargetFactory;

/**
 * Provisioning operations per second each target sustains here: {@code ops} credentials created, then
 * removed, by {@code threads} concurrent callers (the hub's consumers), against the vendor stubs on
 * loopback and against PostgreSQL for radius-sql. Bounded by count; prints one Markdown row per target
 * and phase. Run with bench/targets.sh.
 */
public final class TargetBench {

    public static void main(String[] args) throws Exception {
        int ops = Integer.parseInt(System.getProperty("ops", "2000"));
        int threads = Integer.parseInt(System.getProperty("threads", "4"));
        String pg = System.getProperty("postgres", "jdbc:postgresql://127.0.0.1:5432/test");
        List<String> only = Arrays.asList(System.getProperty("targets", "radius-sql-h2,radius-sql-pg,meraki,meraki-unlimited,unifi-voucher,unifi-psk,clearpass,http").split(","));
        System.out.println("| target | phase | operations | threads | ops/s | p50 ms | p99 ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        JdbcConnectionPool h2 = JdbcConnectionPool.create("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE", "sa", "");
        h2.setMaxConnections(32);
        schema(h2);
        if (only.contains("radius-sql-h2")) {
            run("radius-sql (H2, embedded)", new RadiusSqlTargetFactory().create("radius-sql", config("radius-sql", Map.of()), resources(h2)),
                    CredentialKind.RADIUS_ACCOUNT, ops, threads);
        }
        if (only.contains("radius-sql-pg")) {
            String schema = "bench_" + Long.toHexString(System.nanoTime());
            new JdbcTemplate(new DriverManagerDataSource(pg, "postgres", "")).execute("CREATE SCHEMA " + schema);
            com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
            pool.setJdbcUrl(pg + "?currentSchema=" + schema);
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(16);
            try (pool) {
                schema(pool);
                run("radius-sql (PostgreSQL)", new RadiusSqlTargetFactory().create("radius-sql", config("radius-sql", Map.of()), resources(pool)),
                        CredentialKind.RADIUS_ACCOUNT, ops, threads);
            } finally {
                new JdbcTemplate(new DriverManagerDataSource(pg, "postgres", "")).execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        if (only.contains("meraki")) {
            try (MerakiStub stub = new MerakiStub("N_1", 0)) {
                run("meraki (limit 9/s, as shipped)", meraki(stub, h2, "9"), CredentialKind.PSK, Math.min(ops, 60), threads);
            }
        }
        if (only.contains("meraki-unlimited")) {
            try (MerakiStub stub = new MerakiStub("N_1", 0)) {
                run("meraki (limit lifted to 100000/s)", meraki(stub, h2, "100000"), CredentialKind.PSK, ops, threads);
            }
        }
        if (only.contains("unifi-voucher")) {
            try (UnifiStub stub = new UnifiStub(false, "default", "wlan-1")) {
                run("unifi voucher", unifi(stub, h2), CredentialKind.VOUCHER, Math.min(ops, 500), threads);
            }
        }
        if (only.contains("unifi-psk")) {
            try (UnifiStub stub = new UnifiStub(false, "default", "wlan-1")) {
                run("unifi PPSK (one WLAN, shared lock)", unifi(stub, h2), CredentialKind.PSK, Math.min(ops, 500), threads);
            }
        }
        if (only.contains("clearpass")) {
            try (ClearPassStub stub = new ClearPassStub()) {
                run("clearpass guest", new ClearPassTargetFactory().create("cp", config("cp", Map.of("hub.targets.cp.clearpass-url", stub.url(),
                        "hub.targets.cp.client-id", ClearPassStub.CLIENT_ID, "hub.targets.cp.client-secret", ClearPassStub.CLIENT_SECRET)), resources(h2)),
                        CredentialKind.RADIUS_ACCOUNT, ops, threads);
            }
        }
        if (only.contains("http")) {
            try (HttpStub stub = new HttpStub()) {
                stub.on("POST", "/wifi", (r, m) -> HttpStub.Reply.json(200, Map.of("reference", "x")));
                run("http signed webhook", new SignedWebhookTargetFactory().create("ctl", config("ctl", Map.of("hub.targets.ctl.url", stub.url() + "/wifi",
                        "hub.targets.ctl.secret", "bench-secret-bench-secret-bench-secret")), resources(h2)), CredentialKind.PSK, ops, threads);
            }
        }
        h2.dispose();
        System.exit(0);
    }

    private static ProvisioningTarget meraki(MerakiStub stub, DataSource db, String rate) {
        return new MerakiTargetFactory().create("m" + rate, config("m" + rate, Map.of("hub.targets.m" + rate + ".api-url", stub.apiUrl(),
                "hub.targets.m" + rate + ".api-key", MerakiStub.API_KEY, "hub.targets.m" + rate + ".network-id", "N_1",
                "hub.targets.m" + rate + ".ssid-number", "0", "hub.targets.m" + rate + ".requests-per-second", rate)), resources(db));
    }

    private static ProvisioningTarget unifi(UnifiStub stub, DataSource db) {
        return new UnifiTargetFactory().create("u", config("u", Map.of("hub.targets.u.controller-url", stub.url(),
                "hub.targets.u.username", UnifiStub.USER, "hub.targets.u.password", UnifiStub.PASSWORD, "hub.targets.u.wlan-id", "wlan-1",
                "hub.targets.u.networkconf-id", "guest")), resources(db));
    }

    private static void run(String name, ProvisioningTarget target, CredentialKind kind, int ops, int threads) throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String tag = Long.toHexString(System.nanoTime());
        Map<Integer, String> references = new java.util.concurrent.ConcurrentHashMap<>();
        phase(name, "create", ops, threads, i -> {
            Result r = target.reconcile(new Account("bench-" + tag + "-" + i, null),
                    new Credential(kind, kind == CredentialKind.VOUCHER ? null : "Bench-Pass-" + tag + i, from, from.plus(2, ChronoUnit.DAYS), true));
            if (r.reference() != null) {
                references.put(i, r.reference());
            }
            return r;
        });
        phase(name, "remove", ops, threads, i -> target.reconcile(new Account("bench-" + tag + "-" + i, references.get(i)), null));
    }

    private static void phase(String name, String phase, int ops, int threads, IntFunction<Result> op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] latencies = new long[ops];
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                long t = System.nanoTime();
                op.apply(n);
                latencies[n] = System.nanoTime() - t;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf("| %s | %s | %d | %d | %.0f | %.1f | %.1f |%n", name, phase, ops, threads, ops / seconds,
                latencies[ops / 2] / 1e6, latencies[Math.min(ops - 1, (int) (ops * 0.99))] / 1e6);
    }

    private static void schema(DataSource db) {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.execute("CREATE TABLE IF NOT EXISTS radcheck (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, username VARCHAR(64) NOT NULL, "
                + "attribute VARCHAR(64) NOT NULL, op CHAR(2) NOT NULL, value VARCHAR(253) NOT NULL, hub_owner VARCHAR(64))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS radreply (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, username VARCHAR(64) NOT NULL, "
                + "attribute VARCHAR(64) NOT NULL, op CHAR(2) NOT NULL, value VARCHAR(253) NOT NULL, hub_owner VARCHAR(64))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS radcheck_username ON radcheck (username, attribute)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS radusergroup (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, username VARCHAR(64) NOT NULL, "
                + "groupname VARCHAR(64) NOT NULL, priority INTEGER NOT NULL, hub_owner VARCHAR(64))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS radusergroup_username ON radusergroup (username)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS rate_limit_bucket (id VARCHAR(200) PRIMARY KEY, state BYTEA)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS target_lock (name VARCHAR(200) PRIMARY KEY)");
    }

    private static ProvisioningTargetFactory.Resources resources(DataSource db) {
        return new ProvisioningTargetFactory.Resources(db, Clock.systemUTC());
    }

    private static Function<Option, String> config(String name, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        return option -> all.getOrDefault(ProvisioningTargetFactory.key(option, name), option.defaultValue());
    }
}
