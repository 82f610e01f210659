import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP ceiling of this machine for the hub's webhook: a bare Vert.x server (the version the hub runs on) that reads
 * each request's body and answers 202 with a small JSON body, on every core, doing nothing else. What the hub's ingest
 * reaches is reported as a share of what this one reaches under the same load.
 *
 * <p>Run with the hub's own libraries: {@code java -cp 'app/target/lib/*' bench/tools/HttpCeiling.java PORT}.
 */
public final class HttpCeiling {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                        .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(202)
                                .putHeader("Content-Type", "application/json").end("{\"status\":\"accepted\"}")))
                        .listen().onComplete(listening -> {
                            if (listening.succeeded()) {
                                started.complete();
                            } else {
                                started.fail(listening.cause());
                            }
                        });
            }
        }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).onComplete(deployed -> {
            if (deployed.failed()) {
                deployed.cause().printStackTrace();
                System.exit(1);
            }
            System.out.println("http ceiling listening on 127.0.0.1:" + port);
        });
    }
}
