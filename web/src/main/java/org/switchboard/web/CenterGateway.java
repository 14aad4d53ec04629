package org.switchboard.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.view.RoutingView;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.Reply;

/**
 * How request threads talk to the {@link ContactCenter}: send a command and wait (bounded) for its durable reply,
 * or run a read on the routing thread. A business refusal becomes the matching {@link ApiException}; an overloaded
 * or stopped center becomes 503. Blocking is fine here: handlers run on virtual threads. Thread-safe.
 */
final class CenterGateway {

    private final ContactCenter center;
    private final long timeoutMs;

    CenterGateway(ContactCenter center, Duration timeout) {
        this.center = center;
        this.timeoutMs = timeout.toMillis();
    }

    /** Sends {@code command}; returns the accepted outcome once it is durable, or throws the refusal. */
    Outcome.Accepted submit(Command command) {
        Reply reply = await(center.submit(command), "the command's outcome is unknown; check before retrying");
        return switch (reply.outcome()) {
            case Outcome.Accepted accepted -> accepted;
            case Outcome.Rejected rejected -> throw ApiErrors.fromRejection(rejected.rejection());
        };
    }

    /** Runs {@code query} against the engine's current state; sees every command already acknowledged. */
    <T> T read(Function<RoutingView, T> query) {
        return await(center.read(query), "the center did not answer in time");
    }

    /** Like {@link #read} but gives up after {@code waitMs}; used by scrapes that must stay quick. */
    <T> T read(Function<RoutingView, T> query, long waitMs) {
        return await(center.read(query), waitMs, "the center did not answer in time");
    }

    boolean isHealthy() {
        return center.isHealthy();
    }

    ContactCenter center() {
        return center;
    }

    private <T> T await(CompletableFuture<T> future, String onTimeout) {
        return await(future, timeoutMs, onTimeout);
    }

    private static <T> T await(CompletableFuture<T> future, long waitMs, String onTimeout) {
        try {
            return future.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, "timeout", onTimeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException bug && !(bug instanceof IllegalStateException)) {
                throw bug;
            }
            throw ApiException.unavailable("the center cannot answer now: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the request was interrupted");
        }
    }
}
