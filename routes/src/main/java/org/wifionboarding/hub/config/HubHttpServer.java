package org.wifionboarding.hub.config;

import java.util.function.Consumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * The public port (webhooks, admin API): platform-http's Vert.x server, with the hub's own handlers put on its
 * router before it starts to listen. camel-main's stock server listens before the hub could add them, and in
 * that moment a webhook found no route and was answered 404 "not found", which a sender may take as final.
 */
final class HubHttpServer extends VertxPlatformHttpServer {

    private final VertxPlatformHttpServerConfiguration configuration;
    private final Consumer<VertxPlatformHttpRouter> beforeListening;

    HubHttpServer(VertxPlatformHttpServerConfiguration configuration, Consumer<VertxPlatformHttpRouter> beforeListening) {
        super(configuration);
        this.configuration = configuration;
        this.beforeListening = beforeListening;
    }

    @Override
    protected void initializeServer() {
        super.initializeServer();
        beforeListening.accept(VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getBindPort())));
    }
}
