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
        return start(env, maxHeap, log, null);
    }

    /** As {@link #start(Map, String, Path)}, with {@code before} (a directory of resources) ahead of the jar on the classpath. */
    public static Process start(Map<String, String> env, String maxHeap, Path log, Path before) throws IOException {
        String jar = Path.of("target", "wifi-onboarding-hub.jar").toAbsolutePath().toString();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the class-data-sharing archive the build makes beside the jar, as the README's start command names it (a JVM that
        // cannot use it starts without it)
        String archive = "-XX:SharedArchiveFile=" + Path.of("target", "hub.jsa").toAbsolutePath();
        ProcessBuilder builder = before == null ? new ProcessBuilder(javaBin, "-Xmx" + maxHeap, archive, "-jar", jar)
                : new ProcessBuilder(javaBin, "-Xmx" + maxHeap, "-cp", before.toAbsolutePath() + java.io.File.pathSeparator + jar,
                        "org.wifionboarding.hub.app.HubApplication");
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
