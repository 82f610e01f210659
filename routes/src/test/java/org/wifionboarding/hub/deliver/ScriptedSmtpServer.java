package org.wifionboarding.hub.deliver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on loopback that speaks the protocol (EHLO, MAIL, RCPT, DATA, QUIT) and answers
 * the end of each message with the next scripted reply (421, 451, 550, ...), then 250 once the script is
 * used up. GreenMail accepts everything; this one lets a test see what the hub does with refusals, and, with
 * the reply {@link #STALL}, take a message and then hold the answer back (a test kills the hub meanwhile: the
 * worst moment, the guest has the email and the hub never heard so).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** A scripted reply: count the message as delivered, then keep the client waiting for the answer until {@link #release()}. */
    public static final String STALL = "stall";

    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool();
    private final Queue<String> replies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private final java.util.Map<String, AtomicInteger> delivered = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.Semaphore stalls = new java.util.concurrent.Semaphore(0);

    public ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sessions.submit(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next messages' end-of-data replies, e.g. {@code "451 4.3.0 try again later"}. */
    public void script(String... next) {
        replies.addAll(java.util.List.of(next));
    }

    /** Messages delivered to {@code recipient} (accepted, stalled ones included). */
    public int deliveredTo(String recipient) {
        AtomicInteger count = delivered.get(recipient.toLowerCase(java.util.Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    /** Waits until a message has been stalled. */
    public boolean awaitStall(long seconds) throws InterruptedException {
        return stalls.tryAcquire(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Lets stalled sessions answer (250) and every later stall pass at once. */
    public void release() {
        released.countDown();
    }

    public int accepted() {
        return accepted.get();
    }

    public int refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sessions.submit(() -> session(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = client.getOutputStream();
            send(out, "220 scripted.example ESMTP ready");
            String line;
            java.util.List<String> recipients = new java.util.ArrayList<>();
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> send(out, "250-scripted.example\r\n250 8BITMIME");
                    case "HELO" -> send(out, "250 scripted.example");
                    case "RCPT" -> {
                        java.util.regex.Matcher to = java.util.regex.Pattern.compile("<([^>]+)>").matcher(line);
                        if (to.find()) {
                            recipients.add(to.group(1).toLowerCase(java.util.Locale.ROOT));
                        }
                        send(out, "250 OK");
                    }
                    case "MAIL", "RSET", "NOOP" -> {
                        recipients.clear();
                        send(out, "250 OK");
                    }
                    case "DATA" -> {
                        send(out, "354 end with <CRLF>.<CRLF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message body is read and dropped
                        }
                        String reply = replies.poll();
                        if (STALL.equals(reply)) {
                            accepted.incrementAndGet();
                            recipients.forEach(r -> delivered.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet());
                            stalls.release();
                            try {
                                released.await();
                            } catch (InterruptedException e) {
                                return;
                            }
                            send(out, "250 2.0.0 queued after a long pause");
                        } else if (reply == null || reply.startsWith("2")) {
                            recipients.forEach(r -> delivered.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet());
                            accepted.incrementAndGet();
                            send(out, reply == null ? "250 2.0.0 queued" : reply);
                        } else {
                            refused.incrementAndGet();
                            send(out, reply);
                        }
                    }
                    case "QUIT" -> {
                        send(out, "221 bye");
                        return;
                    }
                    default -> send(out, "502 command not implemented");
                }
            }
        } catch (IOException dropped) {
            // the client went away
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        server.close();
        sessions.shutdownNow();
    }
}
