package org.wifionboarding.hub.boot;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public port (webhooks, admin API): platform-http's Vert.x server, with the hub's own handlers put on its
 * router before it starts to listen. camel-main's stock server listens before the hub could add them, and in
 * that moment a webhook found no route and was answered 404 "not found", which a sender may take as final.
 *
 * <p>Unlike the stock server it fails the start when it cannot listen (a port in use): a hub that cannot take
 * webhooks must not run and report itself healthy. And it bounds what a client can hold: a connection idle for
 * {@code hub.http.idle-timeout} (no byte of headers or body either) is closed, and beyond
 * {@code hub.http.max-connections} open connections a new one is closed at once, so idle or slow clients cannot
 * exhaust the process's file descriptors.
 */
public final class HubHttpServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HubHttpServer.class);
    static final int WORKER_POOL_SIZE = 200;

    private final VertxPlatformHttpServerConfiguration configuration;
    private final Consumer<VertxPlatformHttpRouter> beforeListening;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private volatile HttpServer server;
    private Duration requestTimeout = Duration.ofSeconds(30);
    /** Per connection: the timer that closes it unless the next request's headers arrive in time. */
    private final java.util.Map<io.vertx.core.http.HttpConnection, Long> headerDeadlines = new java.util.concurrent.ConcurrentHashMap<>();

    /** How long a request's headers (from the connection or the previous answer) and then its body may take to arrive. */
    public HubHttpServer requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    public HubHttpServer(VertxPlatformHttpServerConfiguration configuration, Consumer<VertxPlatformHttpRouter> beforeListening,
                         Duration idleTimeout, int maxConnections) {
        super(configuration);
        this.configuration = configuration;
        this.beforeListening = beforeListening;
        this.idleTimeout = idleTimeout;
        this.maxConnections = maxConnections;
    }

    /**
     * The server's own Vert.x (when the context has none): route processing runs on its worker threads and blocks on
     * the broker's durable write, so it allows many in flight. Made here, not as a registry-wide {@code vertxOptions},
     * so a host's own Vert.x settings stay the host's.
     */
    @Override
    protected Vertx createVertxInstance() {
        Vertx made = Vertx.vertx(new VertxOptions().setWorkerPoolSize(WORKER_POOL_SIZE));
        ownVertx = made;
        return made;
    }

    private volatile Vertx ownVertx;

    /**
     * Closes the Vert.x this server made (a context's own is left alone). The base class would close it on an executor
     * it makes only in the start this class replaces, and failed with a NullPointerException at every shutdown.
     */
    @Override
    protected void stopVertx() {
        Vertx made = ownVertx;
        if (made != null) {
            try {
                made.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("the public port's Vert.x did not close cleanly: {}", e.toString());
            }
            ownVertx = null;
        }
    }

    @Override
    protected void initializeServer() {
        super.initializeServer();
        beforeListening.accept(router());
    }

    private VertxPlatformHttpRouter router() {
        return VertxPlatformHttpRouter.lookup(getCamelContext(), VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getBindPort()));
    }

    @Override
    protected void startServer() throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout((int) Math.max(1, idleTimeout.toSeconds())).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16384);
        HttpServer created = getVertx().createHttpServer(options);
        created.connectionHandler(connection -> {
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                connection.close();
                return;
            }
            awaitHeaders(connection);
            connection.closeHandler(closed -> {
                open.decrementAndGet();
                Long deadline = headerDeadlines.remove(connection);
                if (deadline != null) {
                    getVertx().cancelTimer(deadline);
                }
            });
        });
        VertxPlatformHttpRouter router = router();
        created.requestHandler(request -> {
            // the headers are in: the body now has its own deadline, and after the answer the next request's headers have theirs
            io.vertx.core.http.HttpConnection connection = request.connection();
            Long deadline = headerDeadlines.remove(connection);
            if (deadline != null) {
                getVertx().cancelTimer(deadline);
            }
            long bodyDeadline = request.isEnded() ? -1 : getVertx().setTimer(requestTimeout.toMillis(), late -> {
                if (!request.isEnded()) {
                    LOG.warn("a request to {} sent its body too slowly (over {}): disconnected", request.path().replaceAll("[^\\w/.-]", "?"),
                            requestTimeout);
                    connection.close();
                }
            });
            if (bodyDeadline >= 0) {
                // cancelled once the body is in (end() is a future of its own, which no router handler replaces): an
                // uncancelled timer kept every answered request and its routing context for the whole timeout, 45,000 of
                // them at 1,500 requests a second, a fifth of a 512 MiB heap
                request.end().onComplete(received -> getVertx().cancelTimer(bodyDeadline));
            }
            // set before the router sees the request: a router handler that needs the same hook replaces it and keeps its own
            request.response().bodyEndHandler(answered -> awaitHeaders(connection));
            router.handle(request);
        });
        try {
            created.listen(configuration.getBindPort(), configuration.getBindHost()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot listen on " + configuration.getBindHost() + ":" + configuration.getBindPort()
                    + " (hub.http.host, hub.http.port): " + e.getCause().getMessage(), e.getCause());
        }
        server = created;
        LOG.info("webhooks and admin API on {}:{} (idle timeout {}, at most {} connections)", configuration.getBindHost(),
                created.actualPort(), idleTimeout, maxConnections);
    }

    /** Closes the connection unless a request's headers arrive within the request timeout. */
    private void awaitHeaders(io.vertx.core.http.HttpConnection connection) {
        long timer = getVertx().setTimer(requestTimeout.toMillis(), late -> {
            if (headerDeadlines.remove(connection) != null) {
                connection.close();
            }
        });
        Long previous = headerDeadlines.put(connection, timer);
        if (previous != null) {
            getVertx().cancelTimer(previous);
        }
    }

    @Override
    protected void stopServer() {
        HttpServer running = server;
        if (running != null) {
            try {
                running.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("the public port did not close cleanly: {}", e.toString());
            }
            server = null;
        }
    }

    @Override
    public int getPort() {
        HttpServer running = server;
        return running != null ? running.actualPort() : configuration.getBindPort();
    }

    /** How many connections are open now. */
    public int openConnections() {
        return open.get();
    }
}
