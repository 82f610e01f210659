package org.wifionboarding.hub.radius;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A NAS's RFC 5176 Dynamic Authorization Server, written from the RFC and independent of the hub's RADIUS library:
 * it checks each Disconnect-Request's Request Authenticator (MD5 over the packet with sixteen zero octets in its
 * place, then the shared secret; section 2.3), keeps what it asked for, and answers a Disconnect-ACK whose Response
 * Authenticator is MD5(code, identifier, length, request authenticator, attributes, secret).
 */
final class DisconnectListener implements AutoCloseable {

    static final int DISCONNECT_REQUEST = 40;
    static final int DISCONNECT_ACK = 41;

    /** One request received: its attributes by type (strings), when, and whether its authenticator was right. */
    record Received(Map<Integer, String> attributes, Instant at, boolean authentic) {
    }

    private final DatagramSocket socket;
    private final byte[] secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    DisconnectListener(String secret) throws SocketException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "nas-dae");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                socket.receive(datagram);
                byte[] packet = Arrays.copyOf(datagram.getData(), datagram.getLength());
                int length = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
                if ((packet[0] & 0xff) != DISCONNECT_REQUEST || length > packet.length) {
                    continue;
                }
                byte[] zeroed = Arrays.copyOf(packet, length);
                Arrays.fill(zeroed, 4, 20, (byte) 0);
                boolean authentic = Arrays.equals(md5(zeroed, secret), Arrays.copyOfRange(packet, 4, 20));
                Map<Integer, String> attributes = new HashMap<>();
                for (int at = 20; at + 2 <= length; ) {
                    int type = packet[at] & 0xff;
                    int size = packet[at + 1] & 0xff;
                    attributes.put(type, type == 4 ? (packet[at + 2] & 0xff) + "." + (packet[at + 3] & 0xff) + "." + (packet[at + 4] & 0xff) + "."
                            + (packet[at + 5] & 0xff) : new String(packet, at + 2, size - 2, StandardCharsets.UTF_8));
                    at += size;
                }
                received.add(new Received(attributes, Instant.now(), authentic));
                if (authentic) {
                    ByteArrayOutputStream ack = new ByteArrayOutputStream();
                    ack.write(DISCONNECT_ACK);
                    ack.write(packet[1]);
                    ack.write(0);
                    ack.write(20);
                    ack.write(packet, 4, 16);   // the request authenticator, for the hash
                    byte[] response = ack.toByteArray();
                    System.arraycopy(md5(response, secret), 0, response, 4, 16);
                    socket.send(new DatagramPacket(response, response.length, datagram.getSocketAddress()));
                }
            } catch (java.io.IOException closed) {
                return;
            }
        }
    }

    private static byte[] md5(byte[] packet, byte[] secret) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(packet);
            return md5.digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
