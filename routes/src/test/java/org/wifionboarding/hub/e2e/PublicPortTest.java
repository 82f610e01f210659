package org.wifionboarding.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/** What the public port and the data directory hold up to: a port in use, idle and excess connections, other users. */
class PublicPortTest {

    @TempDir
    Path dataDir;

    @Test
    void a_hub_that_cannot_listen_does_not_start() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> RunningHub.start(dataDir, Map.of("hub.http.port", String.valueOf(taken.getLocalPort()))).close())
                    .hasStackTraceContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void idle_and_excess_connections_are_closed_and_webhooks_are_still_answered() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.http.idle-timeout", "PT1S", "hub.http.max-connections", "30"))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.httpPort());
                    socket.setSoTimeout(10_000);
                    idle.add(socket);
                }
                int closedByServer = 0;
                for (Socket socket : idle) {
                    closedByServer += closed(socket) ? 1 : 0;   // waits until the server closes it: at once, or when idle too long
                }
                assertThat(closedByServer).as("every idle connection is closed by the server").isEqualTo(60);
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            String arrival = LocalDate.now().plusDays(3).toString();
            assertThat(hub.postGeneric(generic("port-1", "confirmed", Instant.now().toString(), "default", "BK-PORT", arrival,
                    LocalDate.now().plusDays(4).toString())).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void the_data_directory_is_private_to_the_hubs_user() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            try (Stream<Path> all = Files.walk(dataDir)) {
                all.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".mv.db") || f.toString().contains("journal")
                        || f.getFileName().toString().equals("at-rest.key")).forEach(file -> {
                            try {
                                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        });
            }
        }
    }

    @Test
    void a_sender_trickling_its_headers_or_its_body_is_disconnected_though_never_idle() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of("hub.http.idle-timeout", "PT2S", "hub.http.request-timeout", "PT3S"))) {
            String[] openings = {"POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                    "POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"};
            for (String opening : openings) {
                try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), hub.httpPort())) {
                    slow.getOutputStream().write(opening.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    long started = System.nanoTime();
                    boolean disconnected = false;
                    // one byte a second: never idle for the 2 s idle timeout, so only the request timeout can end it
                    while (!disconnected && System.nanoTime() - started < 15_000_000_000L) {
                        try {
                            slow.getOutputStream().write(opening.endsWith("{") ? ' ' : 'X');
                            slow.getOutputStream().flush();
                            slow.setSoTimeout(1000);
                            disconnected = closed(slow);
                        } catch (IOException reset) {
                            disconnected = true;
                        }
                    }
                    assertThat(disconnected).as("a trickling sender is disconnected: " + opening.lines().findFirst().orElse("")).isTrue();
                    assertThat((System.nanoTime() - started) / 1_000_000_000L).as("within about the request timeout").isLessThan(10);
                }
            }
            String arrival = LocalDate.now().plusDays(3).toString();
            assertThat(hub.postGeneric(generic("port-slow", "confirmed", Instant.now().toString(), "default", "BK-PORT-SLOW", arrival,
                    LocalDate.now().plusDays(4).toString())).statusCode()).isEqualTo(202);
        }
    }

    private static boolean closed(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
