package org.example.esb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The hub inside a host's camel-main: the host's {@code jms} route keeps the host's connection factory, the host's
 * Quartz job stays in the host's scheduler, and a webhook through the hub becomes a booking in the host's database.
 */
class EmbeddedEsbTest {

    static final String ADMIN = "esb-admin-token";
    static final String SOURCE_TOKEN = "esb-generic-token";

    @TempDir
    static Path data;
    static EsbApplication esb;
    static CamelContext context;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        esb = new EsbApplication(data.resolve("esb"));
        esb.main().addOverrideProperty("hub.http.port", String.valueOf(port));
        esb.main().addOverrideProperty("hub.data-dir", data.resolve("hub").toString());
        esb.main().addOverrideProperty("hub.crypto.key", "ZW1iZWRkZWQtZXNiLWtleS1lbWJlZGRlZC1lc2Ita2U=");
        esb.main().addOverrideProperty("hub.admin.token", ADMIN);
        esb.main().addOverrideProperty("hub.sources.generic.token", SOURCE_TOKEN);
        esb.main().addOverrideProperty("hub.smtp.port", "1");
        esb.start();
        context = esb.main().getCamelContext();
    }

    @AfterAll
    static void stop() throws Exception {
        esb.stop();
    }

    @Test
    void the_hosts_jms_route_still_runs_on_the_hosts_connection_factory() {
        Object hostFactory = context.getRegistry().lookupByName(EsbApplication.CONNECTION_FACTORY);
        JmsComponent hostJms = context.getComponent("jms", JmsComponent.class);
        JmsComponent hubJms = context.getComponent("hub-jms", JmsComponent.class);
        assertThat(hostJms.getConnectionFactory()).isSameAs(hostFactory);
        assertThat(hubJms).as("the hub brings its own component").isNotNull().isNotSameAs(hostJms);

        context.createProducerTemplate().sendBody("jms:queue:esb.orders", "order-1");
        assertThat(context.createConsumerTemplate().receiveBody("jms:queue:esb.orders-audit", 10_000, String.class)).isEqualTo("order-1");
    }

    @Test
    void the_hosts_quartz_job_stays_in_the_hosts_scheduler() throws Exception {
        QuartzComponent host = context.getComponent("quartz", QuartzComponent.class);
        QuartzComponent hub = context.getComponent("hub-quartz", QuartzComponent.class);
        assertThat(host.getScheduler()).isNotSameAs(hub.getScheduler());
        assertThat(host.getScheduler().getMetaData().getJobStoreClass().getSimpleName()).isEqualTo("RAMJobStore");
        assertThat(host.getScheduler().getJobKeys(GroupMatcher.anyGroup())).contains(JobKey.jobKey("nightly-export", "esb"));
        assertThat(hub.getScheduler().getMetaData().getJobStoreClass().getSimpleName()).isEqualTo("JobStoreTX");
        assertThat(hub.getScheduler().getJobKeys(GroupMatcher.anyGroup())).noneMatch(key -> key.getGroup().equals("esb"));
        DataSource hostDatabase = context.getRegistry().lookupByNameAndType(EsbApplication.DATA_SOURCE, DataSource.class);
        try (Connection connection = hostDatabase.getConnection();
             ResultSet jobs = connection.createStatement().executeQuery("select count(*) from qrtz_job_details where job_group = 'esb'")) {
            jobs.next();
            assertThat(jobs.getInt(1)).as("the host's job in the hub's job store").isZero();
        }
    }

    @Test
    void a_webhook_through_the_hub_becomes_a_booking_in_the_hosts_database() throws Exception {
        LocalDate arrival = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        String event = """
                {"eventId": "esb-1", "type": "confirmed", "occurredAt": "%s", "venueId": "default", "bookingId": "ESB-1",
                 "arrival": "%s", "departure": "%s", "guest": {"name": "Ines Duarte", "email": "ines@example.org"}}
                """.formatted(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), arrival, arrival.plusDays(2));
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/generic"))
                .header("Authorization", "Bearer " + SOURCE_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/bookings/generic/ESB-1")).header("Authorization", "Bearer " + ADMIN).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        DataSource hostDatabase = context.getRegistry().lookupByNameAndType(EsbApplication.DATA_SOURCE, DataSource.class);
        try (Connection connection = hostDatabase.getConnection();
             ResultSet booking = connection.createStatement().executeQuery("select count(*) from booking where booking_id = 'ESB-1'")) {
            booking.next();
            assertThat(booking.getInt(1)).isEqualTo(1);
        }
    }
}
