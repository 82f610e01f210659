package org.wifionboarding.hub.broker;

import java.nio.file.Path;
import java.util.HashSet;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The in-process broker of the default start: {@code hub-broker.xml}'s addresses and address settings
 * (so redelivery and dead-lettering behave as on a standalone broker), a journal under the data
 * directory, and only an in-VM acceptor ({@code vm://0}), so nothing listens on the network.
 */
public final class EmbeddedHubBroker implements AutoCloseable {

    public static final String CONFIG_RESOURCE = "hub-broker.xml";
    public static final String IN_VM_URL = "vm://0";

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final Configuration configuration;

    /**
     * @param redeliveryDelayMs overrides broker.xml's first redelivery delay for {@code hub.#} and {@code hub.subscriber.#}, or null
     * @param maxDeliveryAttempts overrides broker.xml's attempts before dead-lettering, or null
     */
    public EmbeddedHubBroker(Path dataDir, Long redeliveryDelayMs, Integer maxDeliveryAttempts) {
        this.configuration = load(dataDir.resolve("broker").toAbsolutePath());
        // the broker shares the hub's heap: past an eighth of it, messages wait on disk (paging) instead of in memory
        // (Artemis' own default, half the heap, left the hub's stages too little under a backlog at -Xmx512m)
        configuration.setGlobalMaxSize(Runtime.getRuntime().maxMemory() / 8);
        for (String match : java.util.List.of("hub.#", "hub.subscriber.#")) {
            AddressSettings hub = configuration.getAddressSettings().get(match);
            if (redeliveryDelayMs != null) {
                hub.setRedeliveryDelay(redeliveryDelayMs);
            }
            if (maxDeliveryAttempts != null) {
                hub.setMaxDeliveryAttempts(maxDeliveryAttempts);
            }
        }
        broker.setConfiguration(configuration);
    }

    static Configuration load(Path brokerDir) {
        try {
            FileConfiguration file = new FileConfiguration();
            FileDeploymentManager deployment = new FileDeploymentManager(CONFIG_RESOURCE);
            deployment.addDeployable(file);
            deployment.readConfiguration();
            file.setSecurityEnabled(false);   // in-VM only: nothing outside this JVM can connect
            file.setAcceptorConfigurations(new HashSet<>());
            file.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName()));
            file.setJournalDirectory(brokerDir.resolve("journal").toString());
            file.setBindingsDirectory(brokerDir.resolve("bindings").toString());
            file.setPagingDirectory(brokerDir.resolve("paging").toString());
            file.setLargeMessagesDirectory(brokerDir.resolve("large-messages").toString());
            file.setNodeManagerLockDirectory(brokerDir.toString());
            file.setJMXManagementEnabled(true);
            file.setConfigurationUrl(null);   // read from the classpath once; nothing to watch for reloads
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + CONFIG_RESOURCE, e);
        }
    }

    /**
     * Adds the hub's addresses and their settings (redelivery, dead letters, paging) from {@code hub-broker.xml} to a
     * host's own broker configuration, before that broker starts: how an application that embeds the hub gives it
     * its queues on the host's Artemis. The host's other addresses, acceptors and security stay as they are.
     */
    public static Configuration addHubAddresses(Configuration host) {
        Configuration hub = load(Path.of("unused").toAbsolutePath());
        hub.getAddressSettings().forEach((match, settings) -> {
            if (!match.equals("#")) {
                host.addAddressSetting(match, settings);
            }
        });
        hub.getAddressConfigurations().forEach(host::addAddressConfiguration);
        return host;
    }

    public Configuration configuration() {
        return configuration;
    }

    public EmbeddedHubBroker start() {
        try {
            broker.start();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis did not start", e);
        }
    }

    @Override
    public void close() {
        try {
            broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis did not stop cleanly", e);
        }
    }
}
