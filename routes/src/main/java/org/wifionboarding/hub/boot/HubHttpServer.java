package org.wifionboarding.hub.boot;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.function.Consumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * The public port (webhooks, admin API): platform-http's Vert.x server, with the hub's own handlers put on its
 * router before it starts to listen. camel-main's stock server listens before the hub could add them, and in
 * that moment a webhook found no route and was answered 404 "not found", which a sender may take as final.
 */
public final class HubHttpServer extends VertxPlatformHttpServer {

    static final int WORKER_POOL_SIZE = 200;

    private final VertxPlatformHttpServerConfiguration configuration;
    private final Consumer<VertxPlatformHttpRouter> beforeListening;

    public HubHttpServer(VertxPlatformHttpServerConfiguration configuration, Consumer<VertxPlatformHttpRouter> beforeListening) {
        super(configuration);
        this.configuration = configuration;
        this.beforeListening = beforeListening;
    }

    /**
     * The server's own Vert.x (when the context has none): route processing runs on its worker threads and blocks on
     * the broker's durable write, so it allows many in flight. Made here, not as a registry-wide {@code vertxOptions},
     * so a host's own Vert.x settings stay the host's.
     */
    @Override
    protected Vertx createVertxInstance() {
        return Vertx.vertx(new VertxOptions().setWorkerPoolSize(WORKER_POOL_SIZE));
    }

    @Override
    protected void initializeServer() {
        super.initializeServer();
        beforeListening.accept(VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getBindPort())));
    }
}
