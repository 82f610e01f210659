package org.wifionboarding.hub.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The packaged jar ({@code target/wifi-onboarding-hub.jar}) as a venue runs it: its own process, configured by environment. */
public final class PackagedHub {

    private PackagedHub() {
    }

    /** Starts the jar with this environment and heap, its output appended to {@code log}; does not wait. */
    public static Process start(Map<String, String> env, String maxHeap, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap, "-jar",
                Path.of("target", "wifi-onboarding-hub.jar").toAbsolutePath().toString());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    /** Waits (at most 90 s) until the management port answers 200 on {@code path} ({@code /observe/health/ready}, say). */
    public static void awaitHealthy(int managementPort, String path) {
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }
}
