package org.wifionboarding.hub.boot;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wifionboarding.hub.HubComponents;
import org.wifionboarding.hub.admin.AdminApi;
import org.wifionboarding.hub.broker.EmbeddedHubBroker;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.HubDefaults;
import org.wifionboarding.hub.config.HubOptions;
import org.wifionboarding.hub.config.HubSettings;
import org.wifionboarding.hub.config.SourceRegistry;
import org.wifionboarding.hub.config.TargetRegistry;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.ingest.WebhookGate;
import org.wifionboarding.hub.ingest.WebhookIntake;
import org.wifionboarding.hub.ingest.WebhookProblems;
import org.wifionboarding.hub.ingest.SchemaDrift;
import org.wifionboarding.hub.lifecycle.BookingLifecycle;
import org.wifionboarding.hub.normalise.Normaliser;
import org.wifionboarding.hub.VendorRetry;
import org.wifionboarding.hub.review.ConsumerReview;
import org.wifionboarding.hub.lifecycle.GuestDataPurge;
import org.wifionboarding.hub.provision.Provisioner;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.ClusterSecrets;
import org.wifionboarding.hub.store.DurableCommits;
import org.wifionboarding.hub.store.HubDatabase;
import org.wifionboarding.hub.store.IngestLedger;
import org.wifionboarding.hub.store.PassphraseGenerator;
import org.wifionboarding.hub.store.ReviewStore;

/**
 * Makes the hub's beans from configuration: the broker (embedded or external), the JMS component, the
 * database, the stores, the sources and venues, and binds them for the route builders.
 */
@Configuration
public class HubConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        HubDefaults.install(context);
        HubSettings settings = new HubSettings(context);
        Path dataDir = settings.dataDir();
        Files.createDirectories(dataDir);
        DataDirectory.secure(dataDir);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();

        boolean embeddedDatabase = !settings.isSet(HubOptions.DB_URL) && !settings.isSet(HubOptions.DB_DATA_SOURCE);
        if (embeddedDatabase && !settings.getBoolean(HubOptions.EMBEDDED)) {
            throw new IllegalStateException("no database: set " + HubOptions.DB_DATA_SOURCE.key() + " (a DataSource in the registry) or "
                    + HubOptions.DB_URL.key() + ", or " + HubOptions.EMBEDDED.key() + "=true for an H2 file under " + HubOptions.DATA_DIR.key());
        }
        if (!embeddedDatabase) {
            // nodes sharing a database must share these secrets; generating one per node would split the cluster
            for (var secret : java.util.List.of(HubOptions.CRYPTO_KEY, HubOptions.ADMIN_TOKEN)) {
                if (!settings.isSet(secret)) {
                    throw new IllegalStateException(secret.key() + " is not set: with a database of its own (hub.db.url or hub.db.data-source) every hub node "
                            + "must be given the same " + secret.key() + " (e.g. `openssl rand -base64 32`); refusing to start");
                }
            }
        }
        // the embedded broker opens its journal while the database is opened and migrated (both are slow on a cold JVM)
        java.util.concurrent.CompletableFuture<EmbeddedHubBroker> embeddedBroker = embeddedBroker(settings, dataDir);
        DataSource dataSource;
        try {
            dataSource = database(context, settings, dataDir, embeddedDatabase);
        } catch (RuntimeException refused) {
            stopWhenStarted(embeddedBroker);
            throw refused;
        }
        AtRestCipher cipher;
        String adminToken;
        try {
            cipher = AtRestCipher.fromConfigOrFile(settings.get(HubOptions.CRYPTO_KEY), dataDir.resolve("keys").resolve("at-rest.key"));
            adminToken = adminToken(settings, dataDir);
            ClusterSecrets cluster = new ClusterSecrets(dataSource);
            cipher.verifyAgainst(cluster, HubOptions.CRYPTO_KEY.key());
            cluster.verify(HubOptions.ADMIN_TOKEN.key(), adminToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException refused) {
            if (dataSource instanceof HikariDataSource own) {
                own.close();
            }
            stopWhenStarted(embeddedBroker);
            throw refused;
        }
        if (dataSource instanceof HikariDataSource own) {
            onStop(context, "database", own::close);
        }
        registry.bind(HubComponents.DATA_SOURCE, dataSource);

        JmsComponent hubJms = jms(context, settings, embeddedBroker);
        registry.bind(HubComponents.JMS, hubJms);
        jakarta.jms.ConnectionFactory ownConnections = unpooled(hubJms.getConfiguration().getConnectionFactory());
        org.wifionboarding.hub.store.AuditLog audit = new org.wifionboarding.hub.store.AuditLog(dataSource, clock);
        org.wifionboarding.hub.publish.Subscribers subscribers = org.wifionboarding.hub.publish.Subscribers.from(
                settings.matching(k -> k.startsWith("hub.subscribers.")), System.getenv());
        registry.bind("hubSubscribers", subscribers);
        org.wifionboarding.hub.publish.SubscriberQueues.ensure(ownConnections, subscribers.queues());
        registry.bind("deadLetters", new org.wifionboarding.hub.admin.DeadLetters(ownConnections).audit(audit)
                .subscriberQueues(subscribers.queues()));
        SourceRegistry sources = new SourceRegistry(settings::get);
        VenueDirectory venues = VenueDirectory.from(settings.matching(k -> k.startsWith("hub.venues.")), System.getenv())
                .onUnknownVenue(() -> {
                    io.micrometer.core.instrument.MeterRegistry meters = context.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
                    if (meters != null) {
                        meters.counter("hub.venue.unconfigured").increment();
                    }
                });
        DurableCommits durable = embeddedDatabase ? new DurableCommits(dataSource) : DurableCommits.NONE;
        if (embeddedDatabase) {
            // issue 9's open question: which session holds a row lock a SIGKILL left behind; logged when it bites
            context.getManagementStrategy().addEventNotifier(new org.wifionboarding.hub.store.LockTimeouts(dataSource, clock, java.time.Duration.ofMinutes(1)));
        }
        registry.bind("durableCommits", durable);
        IngestLedger ledger = new IngestLedger(dataSource);
        onStop(context, "ingest ledger", ledger::close);
        ReviewStore review = new ReviewStore(dataSource, cipher);
        BookingStore bookings = new BookingStore(dataSource);

        registry.bind("hubSettings", settings);
        registry.bind("bookingStore", bookings);
        registry.bind("reviewStore", review);
        SchemaDrift drift = new SchemaDrift(java.time.Duration.parse(settings.get(HubOptions.DRIFT_WINDOW)),
                Double.parseDouble(settings.get(HubOptions.DRIFT_THRESHOLD)), clock,
                () -> context.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class));
        drift.setCamelContext(context);
        org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(drift);
            health.register(org.wifionboarding.hub.observe.DependencyReadiness.database(dataSource));
        }
        registry.bind("schemaDrift", drift);
        org.wifionboarding.hub.observe.HubMeters meters = new org.wifionboarding.hub.observe.HubMeters(
                () -> context.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class));
        registry.bind("hubMeters", meters);
        if (embeddedDatabase) {
            durable.listener(meters::checkpoint);
        }
        registry.bind("queueDepths", new org.wifionboarding.hub.observe.QueueDepths(ownConnections,
                java.util.stream.Stream.concat(org.wifionboarding.hub.broker.HubQueues.consumed().stream(), subscribers.queues().stream()).toList(),
                () -> context.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class)));
        registry.bind("webhookIntake", new WebhookIntake(sources, venues, ledger, drift).meters(meters));
        registry.bind("webhookProblems", new WebhookProblems(review, drift).meters(meters));
        registry.bind("normaliser", new Normaliser(sources, ledger, drift, review));
        registry.bind("vendorRetry", new VendorRetry());
        registry.bind("consumerReview", new ConsumerReview(review));
        registry.bind("stallWatch", new org.wifionboarding.hub.lifecycle.StallWatch(bookings,
                java.time.Duration.parse(settings.get(HubOptions.STALL_AFTER)), settings.getInt(HubOptions.STALL_BATCH), clock, meters));
        registry.bind("guestDataPurge", new GuestDataPurge(bookings, review, java.time.Period.parse(settings.get(HubOptions.RETENTION)), clock));
        ChannelRegistry channels = new ChannelRegistry(settings, dataSource, clock);
        registry.bind("channelRegistry", channels);
        TargetRegistry targets = TargetRegistry.from(settings, venues, new ProvisioningTargetFactory.Resources(dataSource, clock));
        org.wifionboarding.hub.LastAttempt lastAttempt = new org.wifionboarding.hub.LastAttempt(maxDeliveryAttempts(settings));
        registry.bind("lastAttempt", lastAttempt);
        Provisioner provisioner = new Provisioner(bookings, targets, cipher, clock, lastAttempt).meters(meters);
        registry.bind("provisioner", provisioner);
        BookingLifecycle lifecycle = new BookingLifecycle(bookings, venues, cipher,
                new PassphraseGenerator(settings.getInt(HubOptions.PASSPHRASE_LENGTH)), clock, channels::plan)
                .provisionWith(provisioner::reconcileHere);
        registry.bind("bookingLifecycle", lifecycle);
        registry.bind("deskCredentials", new org.wifionboarding.hub.admin.DeskCredentials(lifecycle, venues, cipher, durable, clock, audit));
        org.wifionboarding.hub.publish.EventLog eventLog = new org.wifionboarding.hub.publish.EventLog(dataSource, clock);
        registry.bind("eventLog", eventLog);
        registry.bind("announcements", new org.wifionboarding.hub.publish.Announcements(bookings, clock));
        registry.bind("eventPublisher", new org.wifionboarding.hub.publish.EventPublisher(eventLog, subscribers, venues, bookings, cipher, clock));
        registry.bind("subscriberDelivery", new org.wifionboarding.hub.publish.SubscriberDelivery(subscribers, eventLog, clock).meters(meters));
        org.wifionboarding.hub.deliver.DeliveryParts delivery = new org.wifionboarding.hub.deliver.DeliveryParts(bookings, venues, channels, cipher,
                clock, meters, lastAttempt);
        registry.bind("deliveryDispatch", new org.wifionboarding.hub.deliver.DeliveryDispatch(delivery));
        registry.bind("channelSend", new org.wifionboarding.hub.deliver.ChannelSend(delivery, java.time.Duration.parse(settings.get(HubOptions.DELIVERY_CLAIM_LEASE))));
        registry.bind("deliveryFailures", new org.wifionboarding.hub.deliver.DeliveryFailures(delivery));
        registry.bind("statusCallbacks", new org.wifionboarding.hub.deliver.StatusCallbacks(delivery));
        registry.bind("resends", new org.wifionboarding.hub.deliver.Resends(delivery, java.time.Duration.parse(settings.get(HubOptions.RESEND_INTERVAL))));
        ClusteredQuartz.configure(context, dataSource);
        registry.bind("reconciler", new org.wifionboarding.hub.reconcile.Reconciler(sources, bookings, dataSource,
                java.time.Duration.parse(settings.get(HubOptions.RECONCILE_OVERLAP)), java.time.Duration.parse(settings.get(HubOptions.RECONCILE_LOOKBACK)),
                clock));
        registry.bind("sourcePolling", new org.wifionboarding.hub.reconcile.SourcePolling(sources, dataSource,
                settings.getInt(HubOptions.POLL_MAX_PAGES), clock, cipher, durable));
        registry.bind("adminApi", new AdminApi(adminToken, bookings, review, cipher, venues,
                HubOptions.pathPrefix(settings.get(HubOptions.HTTP_PATH_PREFIX)), audit));
        registry.bind("deskAccess", new org.wifionboarding.hub.admin.DeskAccess(settings.get(HubOptions.DESK_TOKEN), venues,
                HubOptions.pathPrefix(settings.get(HubOptions.HTTP_PATH_PREFIX))));
        registry.bind("guestErasure", new org.wifionboarding.hub.admin.GuestErasure(bookings, review, cipher, audit, clock));
        registry.bind("deviceRegistrations", new org.wifionboarding.hub.admin.DeviceRegistrations(bookings, targets, cipher, clock));

        WebhookGate gate = new WebhookGate(sources, review, Long.parseLong(settings.get(HubOptions.MAX_BODY_BYTES)),
                settings.getInt(HubOptions.HTTP_PORT), HubOptions.pathPrefix(settings.get(HubOptions.HTTP_PATH_PREFIX)));
        context.getManagementStrategy().addEventNotifier(gate);
        VertxPlatformHttpServerConfiguration httpServer = new VertxPlatformHttpServerConfiguration();
        httpServer.setBindHost(settings.get(HubOptions.HTTP_HOST));
        httpServer.setBindPort(settings.getInt(HubOptions.HTTP_PORT));
        httpServer.setMaxBodySize(Long.parseLong(settings.get(HubOptions.MAX_BODY_BYTES)));
        httpServer.getBodyHandler().setHandleFileUploads(false);
        // platform-http finds the port of its routes by looking for a single server, but the management
        // server makes two, and it would then fall back to 8080: name the port once, here
        registry.bind("hubHttpServerPort", httpServer);
        context.addService(new HubHttpServer(httpServer, gate::install, java.time.Duration.parse(settings.get(HubOptions.HTTP_IDLE_TIMEOUT)),
                settings.getInt(HubOptions.HTTP_MAX_CONNECTIONS)).requestTimeout(java.time.Duration.parse(settings.get(HubOptions.HTTP_REQUEST_TIMEOUT))),
                true, true);
        DataDirectory.secure(dataDir);   // again, now that the broker and the database have made their files
        LOG.info("hub configured: data directory {}, sources enabled {}, provisioning targets {}", dataDir, sources.names(), targets.names());
    }

    /** The host's DataSource (migrated), or a pool of the hub's own on {@code hub.db.url} or the embedded H2 file. */
    private static DataSource database(CamelContext context, HubSettings settings, Path dataDir, boolean embedded) {
        if (settings.isSet(HubOptions.DB_DATA_SOURCE) && !settings.isSet(HubOptions.DB_URL)) {
            DataSource host = context.getRegistry().lookupByNameAndType(settings.get(HubOptions.DB_DATA_SOURCE), DataSource.class);
            if (host == null) {
                throw new IllegalStateException(HubOptions.DB_DATA_SOURCE.key() + "=" + settings.get(HubOptions.DB_DATA_SOURCE)
                        + ": no DataSource of that name in the registry");
            }
            HubDatabase.migrate(host, HubDatabase.HOST_HISTORY_TABLE);
            return host;
        }
        return HubDatabase.open(embedded ? HubDatabase.embeddedUrl(dataDir) : settings.get(HubOptions.DB_URL),
                settings.get(HubOptions.DB_USER), settings.get(HubOptions.DB_PASSWORD), settings.getInt(HubOptions.DB_POOL_SIZE));
    }

    /** The in-process broker, starting on another thread, when the hub is to run one (no broker URL, no host's factory); else null. */
    private static java.util.concurrent.CompletableFuture<EmbeddedHubBroker> embeddedBroker(HubSettings settings, Path dataDir) {
        if (!settings.get(HubOptions.BROKER_URL).isBlank() || settings.isSet(HubOptions.BROKER_CONNECTION_FACTORY) || !settings.getBoolean(HubOptions.EMBEDDED)) {
            return null;
        }
        String delay = settings.get(HubOptions.BROKER_REDELIVERY_DELAY);
        String attempts = settings.get(HubOptions.BROKER_MAX_ATTEMPTS);
        EmbeddedHubBroker broker = new EmbeddedHubBroker(dataDir, delay.isBlank() ? null : Long.valueOf(delay),
                attempts.isBlank() ? null : Integer.valueOf(attempts));
        java.util.concurrent.CompletableFuture<EmbeddedHubBroker> started = new java.util.concurrent.CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                started.complete(broker.start());
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        }, "embedded-broker-start");
        starter.start();
        return started;
    }

    private static void stopWhenStarted(java.util.concurrent.CompletableFuture<EmbeddedHubBroker> broker) {
        if (broker != null) {
            broker.thenAccept(EmbeddedHubBroker::close);
        }
    }

    private static EmbeddedHubBroker started(java.util.concurrent.CompletableFuture<EmbeddedHubBroker> broker) {
        try {
            return broker.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException failed ? failed : e;
        }
    }

    private static JmsComponent jms(CamelContext context, HubSettings settings, java.util.concurrent.CompletableFuture<EmbeddedHubBroker> embeddedBroker) {
        String url = settings.get(HubOptions.BROKER_URL);
        if (url.isBlank() && settings.isSet(HubOptions.BROKER_CONNECTION_FACTORY)) {
            String name = settings.get(HubOptions.BROKER_CONNECTION_FACTORY);
            jakarta.jms.ConnectionFactory host = context.getRegistry().lookupByNameAndType(name, jakarta.jms.ConnectionFactory.class);
            if (host == null) {
                throw new IllegalStateException(HubOptions.BROKER_CONNECTION_FACTORY.key() + "=" + name + ": no ConnectionFactory of that name in the registry");
            }
            org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(context);
            if (health != null) {
                health.register(org.wifionboarding.hub.observe.DependencyReadiness.broker(host));
            }
            return quiet(JmsComponent.jmsComponent(host));
        }
        if (url.isBlank() && embeddedBroker == null) {
            throw new IllegalStateException("no broker: set " + HubOptions.BROKER_CONNECTION_FACTORY.key() + " (a ConnectionFactory in the registry) or "
                    + HubOptions.BROKER_URL.key() + ", or " + HubOptions.EMBEDDED.key() + "=true for an in-process Artemis under " + HubOptions.DATA_DIR.key());
        }
        if (embeddedBroker != null) {
            EmbeddedHubBroker broker = started(embeddedBroker);
            onStop(context, "embedded broker", broker::close);
            context.getRegistry().bind("embeddedBroker", broker);
            url = EmbeddedHubBroker.IN_VM_URL;
        }
        ActiveMQConnectionFactory artemis = artemis(settings, url);
        artemis.setCacheDestinations(true);   // saves a queue lookup round trip per send
        org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(org.wifionboarding.hub.observe.DependencyReadiness.broker(artemis(settings, url)));
        }
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(4);
        pool.setMaxSessionsPerConnection(500);
        onStop(context, "JMS pool", pool::stop);
        return quiet(JmsComponent.jmsComponent(pool));
    }

    /**
     * The factory under the hub's connection pool, for the few callers that open a connection of their own and close it
     * (broker management requests, dead-letter browsing and moves, creating subscriber queues). Through the pool such a
     * connection is one of the 4 the stages share: closing it closed its sessions and temporary queue on that shared
     * connection while other threads sent on it (Artemis warned AMQ212051, "invalid concurrent session usage", at every
     * queue-depth reading under load). A host's factory that is not a pool is used as it is.
     */
    static jakarta.jms.ConnectionFactory unpooled(jakarta.jms.ConnectionFactory factory) {
        return factory instanceof JmsPoolConnectionFactory pool && pool.getConnectionFactory() instanceof jakarta.jms.ConnectionFactory own ? own : factory;
    }

    /**
     * A failed delivery is rolled back for the broker to try again, and the route's own error handling has already
     * logged it on one WARN line with its ids: the listener container's own note of it is DEBUG, without a stack trace.
     */
    private static JmsComponent quiet(JmsComponent component) {
        component.getConfiguration().setErrorHandlerLoggingLevel(org.apache.camel.LoggingLevel.DEBUG);
        component.getConfiguration().setErrorHandlerLogStackTrace(false);
        return component;
    }

    private static ActiveMQConnectionFactory artemis(HubSettings settings, String url) {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url);
        if (settings.isSet(HubOptions.BROKER_USER)) {
            artemis.setUser(settings.get(HubOptions.BROKER_USER));
            artemis.setPassword(settings.get(HubOptions.BROKER_PASSWORD));
        }
        return artemis;
    }

    /** How many deliveries the broker allows a message before dead-lettering it (the embedded broker's, or the external one's as configured). */
    private static int maxDeliveryAttempts(HubSettings settings) {
        String embedded = settings.get(HubOptions.BROKER_MAX_ATTEMPTS);
        return settings.get(HubOptions.BROKER_URL).isBlank() && !embedded.isBlank() ? Integer.parseInt(embedded)
                : settings.getInt(HubOptions.BROKER_DELIVERY_ATTEMPTS);
    }

    /** The configured admin token, or one generated once into the data directory (mode 600); never logged. */
    private static String adminToken(HubSettings settings, Path dataDir) {
        if (settings.isSet(HubOptions.ADMIN_TOKEN)) {
            return settings.get(HubOptions.ADMIN_TOKEN);
        }
        Path file = dataDir.resolve("admin-token");
        boolean fresh = !Files.exists(file);
        String token = AtRestCipher.SecretFiles.readOrCreate(file, () -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        });
        if (fresh) {
            LOG.info("admin token generated into {} (readable by its owner only)", file);
        }
        return token;
    }

    /** Closes a resource when the Camel context stops, after the routes (services stop in reverse order of adding). */
    private static void onStop(CamelContext context, String name, AutoCloseable resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }

                @Override
                public String toString() {
                    return name;
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register " + name, e);
        }
    }
}
