package org.wifionboarding.hub.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.wifionboarding.hub.RunningHub;

/**
 * A standalone ActiveMQ Artemis, as production runs it: an instance made with the distribution's own
 * {@code artemis create} (Maven Central, {@code org.apache.artemis:apache-artemis:bin}), the project's
 * {@code hub-broker.xml} as its {@code broker.xml}, a user with the role {@code hub}, login required.
 */
final class StandaloneArtemis implements AutoCloseable {

    static final String USER = "hub";
    static final String PASSWORD = "fault-broker-password";

    private final Path home;
    private final Path instance;
    private final Path log;
    private final int port;
    private Process process;

    StandaloneArtemis(Path work) throws IOException {
        this.home = Path.of(System.getProperty("faults.artemis-home"));
        this.instance = work.resolve("artemis-instance");
        this.log = work.resolve("artemis.log");
        this.port = RunningHub.freePort();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** {@code artemis create}, then the hub's broker.xml with this run's port. */
    StandaloneArtemis create() throws IOException, InterruptedException {
        Path artemis = home.resolve("bin").resolve("artemis");
        artemis.toFile().setExecutable(true);
        Process create = new ProcessBuilder(artemis.toString(), "create", instance.toString(), "--user", USER, "--password", PASSWORD,
                "--role", "hub", "--require-login", "--silent", "--no-web", "--no-autotune", "--force")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed; see " + log);
        }
        String brokerXml = Files.readString(Path.of(System.getProperty("faults.broker-xml")))
                .replace("tcp://127.0.0.1:61616", "tcp://127.0.0.1:" + port);
        Files.writeString(instance.resolve("etc").resolve("broker.xml"), brokerXml);
        return this;
    }

    StandaloneArtemis start() throws IOException, InterruptedException {
        process = new ProcessBuilder(instance.resolve("bin").resolve("artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Artemis exited; see " + log);
            }
            if (Files.exists(log) && Files.readString(log).lines().filter(l -> l.contains("AMQ221007")).count() > starts) {
                starts++;
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Artemis did not come up; see " + log);
    }

    private long starts;

    /** SIGTERM: Artemis stops gracefully. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
