package org.wifionboarding.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.h2.store.fs.Recorder;
import org.h2.store.fs.rec.FilePathRec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fence on a real H2 whose chunk write H2 has already begun on its own: the fence must not pass until that write is
 * done, although {@code CHECKPOINT} finds nothing left to write and returns at once. H2's recording file system
 * ({@code rec:}) holds the save thread's first write after the test arms it, so the write is under way for as long as
 * the test likes.
 */
class DurableCommitsChunkWriteTest {

    @TempDir
    Path dir;

    @AfterEach
    void stopRecording() {
        FilePathRec.setRecorder(null);
    }

    @Test
    void a_fence_waits_for_the_chunk_write_h2_began_before_the_checkpoint() throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finishWrite = new CountDownLatch(1);
        FilePathRec.register();
        FilePathRec.setRecorder((op, fileName, data, position) -> {
            if (op == Recorder.WRITE && armed.compareAndSet(true, false)) {
                writing.countDown();
                try {
                    finishWrite.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        JdbcDataSource dataSource = new JdbcDataSource();
        // a long write delay: only the test starts chunk writes, not H2's background writer
        dataSource.setURL("jdbc:h2:rec:" + dir.resolve("fence") + ";WRITE_DELAY=600000");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE committed_row(id INT PRIMARY KEY)");
                statement.execute("CHECKPOINT");
                statement.execute("INSERT INTO committed_row VALUES (1)");   // committed (auto-commit), not yet in the file
                MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();

                armed.set(true);
                // what H2's background writer or another session's commit does: take the changes into a chunk, and go on
                // without waiting for it to be written
                store.tryCommit();
                assertThat(writing.await(30, TimeUnit.SECONDS)).as("H2's save thread is writing the chunk").isTrue();
                assertThat(store.hasUnsavedChanges()).as("the store has no change that no chunk has taken").isFalse();

                DurableCommits durable = new DurableCommits(dataSource);
                CompletableFuture<Void> fence = CompletableFuture.runAsync(durable::fence);
                assertThatThrownBy(() -> fence.get(1, TimeUnit.SECONDS))
                        .as("the fence passed while the chunk holding the commit was still being written")
                        .isInstanceOf(TimeoutException.class);
                finishWrite.countDown();
                fence.get(30, TimeUnit.SECONDS);
                assertThat(durable.fenceCount()).isEqualTo(1);
                assertThat(durable.chunkWaitCount()).as("the checkpoint waited for H2's chunk writes").isEqualTo(1);
            } finally {
                finishWrite.countDown();   // before the connection closes: closing waits for the write
            }
        }
    }
}
