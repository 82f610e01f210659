package org.wifionboarding.hub.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.wifionboarding.hub.RunningHub;

/** One hub node: the packaged jar in a child JVM, started, killed with SIGKILL, stopped with SIGTERM, restarted on the same data. */
final class HubNode implements AutoCloseable {

    static final String SOURCE_TOKEN = "fault-source-token";
    static final String ADMIN_TOKEN = "fault-admin-token";

    private final String name;
    private final Path dataDir;
    private final Path log;
    private final Map<String, String> env = new HashMap<>();
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    HubNode(String name, Path work, Map<String, String> config) throws IOException {
        this.name = name;
        this.dataDir = work.resolve(name).resolve("data");
        this.log = work.resolve(name + ".log");
        this.httpPort = RunningHub.freePort();
        this.managementPort = RunningHub.freePort();
        env.putAll(Map.of("HUB_DATA_DIR", dataDir.toString(), "HUB_HTTP_PORT", String.valueOf(httpPort), "HUB_HTTP_HOST", "127.0.0.1",
                "HUB_MANAGEMENT_PORT", String.valueOf(managementPort), "HUB_SOURCES_GENERIC_TOKEN", SOURCE_TOKEN, "HUB_ADMIN_TOKEN", ADMIN_TOKEN,
                "HUB_BROKER_EMBEDDED_REDELIVERY_DELAY_MS", "200", "HUB_DELIVERY_CLAIM_LEASE", "PT5S",
                "HUB_VENUES_DEFAULT_DELIVERY_LEAD", "P2D",
                // these runs measure crash safety, not the email throttle (tested on its own): at full size, 600 a minute would
                // leave tens of thousands of emails waiting their turn at the end of a run
                "HUB_CHANNELS_EMAIL_PER_MINUTE", System.getProperty("faults.email-per-minute", "600000")));
        // the stall watch is the backstop for a message lost with a killed node: at its default (15 minutes) a run would end
        // before it acts, so the fault nodes use a shorter one
        env.put("HUB_RECOVERY_STALL_AFTER", System.getProperty("faults.stall-after", "PT3M"));
        env.putAll(config);
    }

    String name() {
        return name;
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return log;
    }

    /** Starts the node and waits until it is ready (broker, database and routes). */
    HubNode start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("faults.hub-jar", "../app/target/wifi-onboarding-hub.jar")).toAbsolutePath();
        // as the README starts it: with the class-data-sharing archive the build makes beside the jar (a JVM that cannot use
        // it starts without it); each restart after a kill then takes about 3 s less
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:SharedArchiveFile=" + jar.resolveSibling("hub.jsa"), "-jar", jar.toString());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("hub " + name + " did not become ready; see " + log);
    }

    /** SIGKILL: no shutdown hook, no flush, nothing finishes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful stop. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    URI webhook() {
        return URI.create("http://127.0.0.1:" + httpPort + "/webhooks/generic");
    }

    HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Messages waiting in one of the embedded broker's queues, or -1 when the node cannot say. */
    long queueDepth(String queue) {
        String mbean = "org.apache.activemq.artemis:broker=%22wifi-onboarding-hub%22,component=addresses,address=%22" + queue
                + "%22,subcomponent=queues,routing-type=%22anycast%22,queue=%22" + queue + "%22";
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/jolokia/read/" + mbean
                    + "/MessageCount")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"value\":(\\d+)").matcher(body);
            return value.find() ? Long.parseLong(value.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** The node's Prometheus metrics ({@code /observe/metrics} on its management port). */
    String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
