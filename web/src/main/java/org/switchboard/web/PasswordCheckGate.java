package org.switchboard.web;

import io.javalin.http.Context;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How many password checks one client may have in flight at once ({@code http.password-checks-per-client}). The
 * hashing threads are few and a check holds one for tens of milliseconds on purpose, so without this a single client
 * sending a flood of sign-ins to random numbers took every place and everyone else's sign-in answered 503 busy.
 *
 * <p>A client's check beyond its share waits for one of its own checks to end, {@value #MAX_WAIT_MS} ms at most, on
 * its request's virtual thread: operators behind one office address signing in at the start of a shift, or subscribers
 * behind a carrier's NAT, are served one after the other (tens of milliseconds each) instead of refused. A check that
 * would be more than {@value #WAITING_PER_CLIENT} of the client's waiting, or that waited too long, is refused with 429
 * {@code too_many_requests} and {@code Retry-After: 1}, before anything is counted or hashed. Other clients keep their
 * places.
 *
 * <p>A client is its address ({@link ClientAddress}); the IPv6 addresses of one /56 (a customer's network) are one
 * client. With {@code h} hashing threads, {@code 5h} clients checking at once still fill them (5 on two processors):
 * a flood from that many addresses is for the network in front of the center to stop.
 *
 * <p>Thread-safe. A client is held in memory only while it has a check in flight or waiting.
 */
final class PasswordCheckGate {

    static final int WAITING_PER_CLIENT = 16;
    static final long MAX_WAIT_MS = 2_000;

    private final ClientAddress clients;
    private final int perClient;
    private final int waitingPerClient;
    private final long maxWaitMs;
    private final ConcurrentHashMap<String, Places> byClient = new ConcurrentHashMap<>();

    /** A client's places, and how many of its checks hold or wait for one (changed only inside the map's compute). */
    private static final class Places {
        final Semaphore free;
        volatile int users; // written inside compute only; read by checksOf outside it

        Places(int places) {
            this.free = new Semaphore(places, true);
        }
    }

    PasswordCheckGate(ClientAddress clients, int perClient) {
        this(clients, perClient, WAITING_PER_CLIENT, MAX_WAIT_MS);
    }

    PasswordCheckGate(ClientAddress clients, int perClient, int waitingPerClient, long maxWaitMs) {
        if (perClient < 1 || waitingPerClient < 0 || maxWaitMs < 0) {
            throw new IllegalArgumentException("at least one place; waiting checks and wait not negative");
        }
        this.clients = clients;
        this.perClient = perClient;
        this.waitingPerClient = waitingPerClient;
        this.maxWaitMs = maxWaitMs;
    }

    /** The client {@code ctx}'s request comes from, as the audit records it and the gate counts it. */
    String clientOf(Context ctx) {
        return clients.of(ctx);
    }

    /** What {@code check} answers, made once {@code ctx}'s client has a place; else 429 with {@code Retry-After}. */
    <T> T check(Context ctx, Supplier<T> check) {
        try {
            return check(ClientAddress.share(clients.of(ctx)), check);
        } catch (ApiException refused) {
            if (refused.status() == 429) {
                ctx.header("Retry-After", "1");
            }
            throw refused;
        }
    }

    /** What {@code check} answers, made once {@code client} has a place; else 429 {@code too_many_requests}. */
    <T> T check(String client, Supplier<T> check) {
        Places places = join(client);
        if (places == null) {
            throw tooMany();
        }
        try {
            if (!places.free.tryAcquire(maxWaitMs, TimeUnit.MILLISECONDS)) {
                throw tooMany();
            }
            try {
                return check.get();
            } finally {
                places.free.release();
            }
        } catch (InterruptedException e) { // the server is stopping: nothing was checked
            Thread.currentThread().interrupt();
            throw new ApiException(503, "unavailable", "the center is stopping; try again shortly");
        } finally {
            leave(client);
        }
    }

    /** {@code client}'s places, counted as used once more; null when the client already has too many checks. */
    private @Nullable Places join(String client) {
        boolean[] joined = {false};
        Places places = byClient.compute(client, (key, known) -> {
            Places mine = known == null ? new Places(perClient) : known;
            if (mine.users < perClient + waitingPerClient) {
                mine.users++;
                joined[0] = true;
            }
            return mine;
        });
        return joined[0] ? places : null;
    }

    private void leave(String client) {
        byClient.computeIfPresent(client, (key, places) -> --places.users == 0 ? null : places);
    }

    /** How many of {@code client}'s checks hold or wait for a place. */
    int checksOf(String client) {
        Places places = byClient.get(client);
        return places == null ? 0 : places.users;
    }

    /** Clients with a check in flight or waiting: none once their checks ended. */
    int clientsInFlight() {
        return byClient.size();
    }

    /** A check refused before anything was counted or hashed. */
    private static ApiException tooMany() {
        return new ApiException(
                429, "too_many_requests", "Too many sign-ins from your network at once: try again in a moment.");
    }
}
