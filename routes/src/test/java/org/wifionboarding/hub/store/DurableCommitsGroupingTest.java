package org.wifionboarding.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The fence's own rule, made deterministic: a fence waits for a checkpoint that began after it was asked for, and
 * every fence asked while a checkpoint runs shares the next one. The database is a stand-in whose CHECKPOINT blocks
 * until the test lets it go; what is under test is the grouping, not H2.
 */
class DurableCommitsGroupingTest {

    @Test
    void fences_asked_during_a_checkpoint_wait_for_the_next_one_and_share_it() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger checkpoints = new AtomicInteger();
        DurableCommits durable = new DurableCommits(database(() -> {
            if (checkpoints.incrementAndGet() == 1) {
                firstStarted.countDown();
                releaseFirst.await(10, TimeUnit.SECONDS);
            }
        }));

        Thread first = new Thread(durable::fence);
        first.start();
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch laterDone = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            new Thread(() -> {
                durable.fence();
                laterDone.countDown();
            }).start();
        }
        while (durable.requestedCount() < 4) {
            Thread.onSpinWait();
        }
        assertThat(laterDone.getCount()).as("none passes while the checkpoint that began before them runs").isEqualTo(3);
        releaseFirst.countDown();
        first.join(10_000);
        assertThat(laterDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(checkpoints.get()).as("the three later fences shared one checkpoint").isEqualTo(2);
        assertThat(durable.checkpointCount()).isEqualTo(2);
        assertThat(durable.fenceCount()).isEqualTo(4);
    }

    @Test
    void a_failed_checkpoint_releases_nobody_and_is_tried_again_until_it_succeeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch fenced = new CountDownLatch(1);
        AtomicInteger passedBeforeSuccess = new AtomicInteger();
        DurableCommits durable = new DurableCommits(database(() -> {
            if (fenced.getCount() == 0) {
                passedBeforeSuccess.incrementAndGet();
            }
            if (attempts.incrementAndGet() <= 3) {
                throw new SQLException("No space left on device");
            }
        }));

        Thread waiter = new Thread(() -> {
            durable.fence();
            fenced.countDown();
        });
        waiter.start();
        assertThat(fenced.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(attempts.get()).as("three failed checkpoints, then one that succeeded").isEqualTo(4);
        assertThat(passedBeforeSuccess.get()).as("the fence passed on a failed checkpoint").isZero();
        assertThat(durable.checkpointCount()).isEqualTo(1);
        assertThat(durable.fenceCount()).isEqualTo(1);
    }

    @FunctionalInterface
    interface Checkpoint {
        void run() throws Exception;
    }

    private static DataSource database(Checkpoint checkpoint) {
        Statement statement = (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute") && "CHECKPOINT".equals(args[0])) {
                        checkpoint.run();
                        return false;
                    }
                    return null;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createStatement" -> statement;
                    case "isWrapperFor" -> false;
                    default -> null;
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? connection : null);
    }
}
