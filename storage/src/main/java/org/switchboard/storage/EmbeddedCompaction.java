package org.switchboard.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded database file from growing without bound under a steady load.
 *
 * <p>H2 writes every commit as a new chunk at a free place in its file, and reuses a chunk's space only once none of
 * its pages is live any more. With {@code WRITE_DELAY=0} (every commit in the file before it returns, see
 * {@link Database}) H2 never runs its background housekeeping, which is what would move the few pages that stay live
 * (the last leaf of a table that only grows, such as the contact timelines) out of old chunks; so almost every chunk
 * keeps a page or two alive, nothing is ever freed, and the file grows by most of what each commit writes: about
 * 2.5 KB per journal entry under a steady load, with 85 % of the file dead, and a start that needs seconds to read
 * the metadata of tens of thousands of chunks (docs/benchmarks.md, "Restart").
 *
 * <p>So this does that housekeeping itself: every {@link #EVERY_MS} it rewrites the live pages of the emptiest old
 * chunks into new ones ({@link MVStore#compact}, at most {@link #WRITE_BYTES} per step, steps until the chunks are
 * {@link #TARGET_FILL_RATE} % live or {@link #BUDGET_MS} passed). The emptied chunks are freed by later commits once
 * H2's retention time (45 s) has passed, and new chunks reuse their space: the file then stays near its live data
 * divided by the fill rate. A step holds H2's store lock, so commits wait for it; steps are small for that reason.
 *
 * <p>Thread-safe; {@link #close} stops the thread before the database closes.
 */
final class EmbeddedCompaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCompaction.class);
    static final int TARGET_FILL_RATE = 50;
    static final int WRITE_BYTES = 1 << 20;
    static final long EVERY_MS = 1_000;
    static final long FIRST_AFTER_MS = 15_000;
    static final long BUDGET_MS = 200;

    private final MVStore store;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "switchboard-h2-compaction");
        t.setDaemon(true);
        return t;
    });

    private EmbeddedCompaction(MVStore store) {
        this.store = store;
    }

    /** Compaction of the H2 database behind {@code dataSource}, not running yet. */
    static EmbeddedCompaction of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            SessionLocal session =
                    (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return new EmbeddedCompaction(session.getDatabase().getStore().getMvStore());
        } catch (SQLException e) {
            throw StorageException.of("opening the embedded database's store", e);
        }
    }

    /**
     * Compacts every {@link #EVERY_MS} on its own thread, the first time {@link #FIRST_AFTER_MS} from now: a start
     * that restores a large center needs the processors for itself, and the file a {@code kill -9} left behind
     * (mostly dead chunks) would otherwise be compacted during it.
     */
    EmbeddedCompaction start() {
        thread.scheduleWithFixedDelay(this::compactQuietly, FIRST_AFTER_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One round: rewrites the live pages of old, mostly dead chunks until the chunks are {@link #TARGET_FILL_RATE} %
     * live, nothing is left to rewrite, or {@link #BUDGET_MS} passed. Returns how many steps rewrote something.
     */
    int compactNow() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
        int steps = 0;
        while (!store.isClosed() && store.compact(TARGET_FILL_RATE, WRITE_BYTES)) {
            steps++;
            if (System.nanoTime() - deadline > 0) {
                break;
            }
        }
        return steps;
    }

    /** The share of the chunks' bytes that is live, in percent. */
    int chunksFillRate() {
        return store.getFileStore().getChunksFillRate();
    }

    /** The size of the database file in bytes. */
    long fileSize() {
        return store.getFileStore().size();
    }

    private void compactQuietly() {
        try {
            compactNow();
        } catch (RuntimeException e) {
            LOG.warn("Compacting the embedded database failed ({}); trying again in {} ms", e.toString(), EVERY_MS);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
