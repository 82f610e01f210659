package org.wifionboarding.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/**
 * Nodes sharing a database share their secrets: a node given another at-rest key or admin token than the
 * cluster's refuses to start naming the option, and with an external database the hub never generates a key.
 */
class ClusterSecretsTest {

    @TempDir
    Path work;
    String schema = "hub_secrets_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTest.URL, PostgresTest.USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException unreachable) {
            Assumptions.assumeFalse(System.getenv("CI") == null, "no PostgreSQL at " + PostgresTest.URL);
            throw unreachable;
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTest.URL, PostgresTest.USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Map<String, String> node(String name, String key, String token) {
        Map<String, String> config = new HashMap<>(Map.of("hub.db.url", PostgresTest.URL + "?currentSchema=" + schema,
                "hub.db.user", PostgresTest.USER));
        if (key != null) {
            config.put("hub.crypto.key", key);
        }
        if (token != null) {
            config.put("hub.admin.token", token);
        }
        return config;
    }

    private static Throwable rootOf(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void a_node_with_another_key_or_token_than_the_cluster_refuses_to_start_naming_the_option() throws Exception {
        try (RunningHub first = RunningHub.start(work.resolve("a"), node("a", RunningHub.CRYPTO_KEY, RunningHub.ADMIN_TOKEN))) {
            assertThat(first.jdbc().queryForObject("SELECT COUNT(*) FROM cluster_secret", Long.class)).isEqualTo(2);
            String other = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=";

            assertThatThrownBy(() -> RunningHub.start(work.resolve("b"), node("b", other, RunningHub.ADMIN_TOKEN)).close())
                    .satisfies(e -> assertThat(rootOf(e).getMessage()).contains("hub.crypto.key differs").contains("refusing to start")
                            .doesNotContain(other));
            assertThatThrownBy(() -> RunningHub.start(work.resolve("c"), node("c", RunningHub.CRYPTO_KEY, "another-token")).close())
                    .satisfies(e -> assertThat(rootOf(e).getMessage()).contains("hub.admin.token differs").doesNotContain("another-token"));
            // the same secrets: a second node joins
            try (RunningHub second = RunningHub.start(work.resolve("d"), node("d", RunningHub.CRYPTO_KEY, RunningHub.ADMIN_TOKEN))) {
                assertThat(second.getAdmin("/api/review").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void with_an_external_database_the_hub_refuses_to_generate_a_key_or_a_token() {
        Map<String, String> noKey = node("e", null, RunningHub.ADMIN_TOKEN);
        noKey.put("hub.crypto.key", "");
        assertThatThrownBy(() -> RunningHub.start(work.resolve("e"), noKey).close())
                .satisfies(e -> assertThat(rootOf(e).getMessage()).startsWith("hub.crypto.key is not set"));
        Map<String, String> noToken = node("f", RunningHub.CRYPTO_KEY, null);
        noToken.put("hub.admin.token", "");
        assertThatThrownBy(() -> RunningHub.start(work.resolve("f"), noToken).close())
                .satisfies(e -> assertThat(rootOf(e).getMessage()).startsWith("hub.admin.token is not set"));
        assertThat(work.resolve("e").resolve("keys")).doesNotExist();
    }
}
