package org.switchboard.web;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.json.JsonMapper;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Where the work of the heavy reads is done (pages of waiting contacts, contact details, {@code /metrics}): on a few
 * platform threads of their own ({@code NAME-N}), while the request's virtual thread waits for the answer. However
 * many clients read, they share these threads, and the carriers of the virtual threads stay free for the handlers
 * of commands. Run on the carriers, 10 clients listing pages of 1,000 contacts as fast as they were answered (or 20
 * reading contact details, or 10 scraping {@code /metrics}) held them so that runnable command handlers waited for
 * tens of seconds (docs/benchmarks.md, "Reads while writing").
 *
 * <p>The reads of a lane wait for each other: reads that may wait for the database get a lane of their own, so that
 * a stalled database holds up contact details only, never pages or {@code /metrics}.
 *
 * <p>Commands come first: before each read its caller waits for its {@link Turn} (the server's: while the journal is
 * behind, until it caught up, {@link #MAX_YIELD_MS} at most). Readers that are answered as fast as they ask would
 * otherwise take the processors (and the database) from the journal's commits whatever the reads cost: on two
 * cores, 50 such readers brought a 1,000/s writer to 500/s (docs/benchmarks.md, "Reads while writing"). The callers
 * wait on their own (virtual) threads, so a lagging journal delays reads but does not take the lane's threads.
 * Thread-safe.
 */
final class ReadLane implements AutoCloseable {

    /** The longest a read waits for its turn before it is made anyway. */
    static final long MAX_YIELD_MS = 250;

    /**
     * The longest a caller waits for its read to be made, queueing included, before it is told 503: a read that
     * waits for a locked table holds its lane thread until its statement times out, and without this every read
     * queued behind it waited in turn (one after another, 15 s for a 15 s lock in a probe).
     */
    static final long MAX_ANSWER_MS = 5_000;

    /** What a read waits for before it is made. */
    @FunctionalInterface
    interface Turn {
        /** Reads never wait. */
        Turn NOW = () -> {};

        void await() throws InterruptedException;
    }

    private final ExecutorService threads;
    private final Turn turn;
    private final long maxAnswerMs;

    /** A lane of {@code threads} platform threads named {@code name-0}, {@code name-1} …, reads never waiting. */
    ReadLane(String name, int threads) {
        this(name, threads, Turn.NOW);
    }

    /** A lane whose reads first wait for {@code turn}, on their callers' threads. */
    ReadLane(String name, int threads, Turn turn) {
        this(name, threads, turn, MAX_ANSWER_MS);
    }

    /** The same, telling callers 503 once their read was not made within {@code maxAnswerMs}. */
    ReadLane(String name, int threads, Turn turn, long maxAnswerMs) {
        this.threads = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().daemon().name(name + "-", 0).factory());
        this.turn = turn;
        this.maxAnswerMs = maxAnswerMs;
    }

    /**
     * A lane of half this machine's processors, at least one (the other half is left to commands), whose reads wait
     * for {@code turn}.
     */
    static ReadLane halfTheProcessors(String name, Turn turn) {
        return new ReadLane(name, Math.max(1, Runtime.getRuntime().availableProcessors() / 2), turn);
    }

    /** Answers {@code ctx} with the JSON of what {@code body} returns; the body and its JSON are made on the lane. */
    void json(Context ctx, Supplier<?> body) {
        JsonMapper mapper = ctx.jsonMapper();
        String json = answer(() -> {
            Object value = body.get();
            return mapper.toJsonString(value, value.getClass());
        });
        ctx.contentType(ContentType.APPLICATION_JSON).result(json);
    }

    /**
     * What {@code read} returns, computed on the lane; the calling thread waits for it. An exception {@code read}
     * throws is thrown here as it was (an {@link ApiException} keeps its status); 503 once the lane is closed.
     */
    <T> T answer(Supplier<T> read) {
        try {
            turn.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the request was interrupted");
        }
        Future<T> answer;
        try {
            answer = threads.submit(read::get);
        } catch (RejectedExecutionException e) {
            throw ApiException.unavailable("the server is stopping");
        }
        try {
            return answer.get(maxAnswerMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false); // never interrupt a read in the database: H2 closes its file on an interrupt
            throw ApiException.unavailable("the server could not make this read in time (the reads before it are "
                    + "slow); try again shortly");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException thrown ? thrown : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the request was interrupted");
        }
    }

    /** Stops the threads; reads asked for afterwards are answered 503. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
