package org.example.esb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.main.Main;
import org.wifionboarding.hub.boot.Hub;
import org.wifionboarding.hub.broker.EmbeddedHubBroker;

/**
 * An ESB as a middleware team already runs it: camel-main with its own Artemis (and its own {@code jms} component on
 * it), its own database and its own Quartz job. Adding the WiFi Onboarding Hub: {@code Hub.addTo(main.configure())},
 * the names of the host's ConnectionFactory and DataSource for the hub (application.properties), and the hub's
 * addresses on the host's broker.
 */
public final class EsbApplication {

    public static final String CONNECTION_FACTORY = "esbConnectionFactory";
    public static final String DATA_SOURCE = "esbDataSource";

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final HikariDataSource database;
    private final Main main = new Main();

    public EsbApplication(Path dataDir) throws Exception {
        // the host's broker: its own configuration, plus the hub's addresses and their redelivery and dead letters
        Configuration config = new ConfigurationImpl().setName("esb").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString()).setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString()).setLargeMessagesDirectory(dataDir.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", "vm://7");
        broker.setConfiguration(EmbeddedHubBroker.addHubAddresses(config));
        broker.start();

        HikariConfig db = new HikariConfig();
        db.setJdbcUrl("jdbc:h2:" + dataDir.resolve("esb").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE");
        db.setUsername("sa");
        database = new HikariDataSource(db);

        ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory("vm://7");
        main.bind(CONNECTION_FACTORY, connectionFactory);
        main.bind(DATA_SOURCE, database);
        main.bind("jms", JmsComponent.jmsComponent(connectionFactory));   // the host's own jms component
        main.configure().addRoutesBuilder(new EsbRoutes());
        Hub.addTo(main.configure());   // the hub's configuration and routes, on the beans application.properties names
    }

    public Main main() {
        return main;
    }

    public void start() throws Exception {
        main.start();
    }

    public void stop() throws Exception {
        main.stop();
        database.close();
        broker.stop();
    }

    public static void main(String[] args) throws Exception {
        EsbApplication esb = new EsbApplication(Path.of(args.length > 0 ? args[0] : "./esb-data"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                esb.stop();
            } catch (Exception ignored) {
                // shutting down
            }
        }));
        esb.main().run();
    }
}
