package org.wifionboarding.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database alone under SIGKILL: the promise every consumer's acknowledgement rests on is that a commit
 * {@code DurableCommits} has fenced survives the process. {@link H2Workload} commits from six threads and reports each
 * fenced row; it is killed at a random moment once it runs, again and again on the same file; each successor first
 * looks for every row its predecessors reported. Lost must be 0.
 */
class H2DurabilityIT {

    static final int KILLS = Integer.getInteger("faults.h2-kills", 20);
    /**
     * Old chunks may be overwritten 2 s after they died rather than 45: the store starts writing into gaps of its file
     * within seconds (where H2 2.5.252 lost fenced commits across a kill) instead of after 45 s and a gigabyte of file.
     */
    static final String OPTIONS = ";RETENTION_TIME=2000";

    @TempDir
    Path work;

    @Test
    void a_fenced_commit_survives_sigkill_at_any_moment() throws Exception {
        Path fenced = work.resolve("fenced.txt");
        Files.createFile(fenced);
        java.util.Set<String> lost = new java.util.TreeSet<>();   // each generation looks for every row again: a row lost once is counted once
        long checked = 0;
        StringBuilder report = new StringBuilder();
        for (int generation = 1; generation <= KILLS + 1; generation++) {
            boolean last = generation == KILLS + 1;
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), H2Workload.class.getName(), work.toString(), String.valueOf(generation),
                    last ? "0" : "6", OPTIONS).redirectError(work.resolve("child-" + generation + ".err").toFile()).start();
            CountDownLatch running = new CountDownLatch(1);
            List<String> written = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            long[] seen = {-1};
            Thread reader = new Thread(() -> read(child, running, written, gone, seen), "h2-workload-" + generation);
            reader.start();
            try {
                assertThat(running.await(60, TimeUnit.SECONDS)).as("generation %d opened the database", generation).isTrue();
                if (!last) {
                    // a moment while six writers commit and fence: a random one, so kills land in every phase of a checkpoint
                    Thread.sleep(200 + ThreadLocalRandom.current().nextInt(2_500));
                    child.destroyForcibly();   // SIGKILL
                }
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                // whatever failed, no writer outlives the test (one left running fills the disk with its database)
                child.destroyForcibly();
            }
            reader.join(10_000);
            lost.addAll(gone);
            checked = seen[0];
            Files.write(fenced, written, StandardOpenOption.APPEND);
            report.append(String.format("generation %d: checked %d, missing %d, fenced %d, file %d KiB%n", generation, seen[0], gone.size(),
                    written.size(), Files.size(work.resolve("db").resolve("hub.mv.db")) / 1024));
        }
        report.append("lost in all: ").append(lost.size()).append(lost.isEmpty() ? "" : " " + lost.stream().limit(20).toList()).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "faults-h2.txt"), report);
        assertThat(checked).as("rows reported durable and looked for at the end").isGreaterThan(1_000);
        assertThat(lost).as("fenced rows gone after a kill:%n%s", report).isEmpty();
    }

    private static void read(Process child, CountDownLatch running, List<String> written, List<String> gone, long[] seen) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("F ")) {
                    written.add(line.substring(2));
                } else if (line.startsWith("LOST ")) {
                    gone.add(line.substring(5));
                } else if (line.startsWith("CHECKED ")) {
                    seen[0] = Long.parseLong(line.substring(8));
                    running.countDown();
                }
            }
        } catch (IOException e) {
            // the child was killed mid-line: what was read counts
        }
    }
}
