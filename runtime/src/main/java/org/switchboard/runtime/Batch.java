package org.switchboard.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.port.JournalEntry;

/**
 * What one cycle of the routing loop hands to the journal writer: the journal entries it produced, the events of
 * each, whom to answer, and the read model as it stands after them. A batch with no entries only carries answers
 * (repeats of idempotent commands) or is a barrier the loop waits on. Written by the loop, then read by the
 * writer: the hand-off queue orders the two.
 */
final class Batch {

    /** A command waiting for its answer. */
    record Request(Command command, @Nullable RequestKey key, CompletableFuture<Reply> reply) {

        void answer(Outcome outcome, List<Event> events) {
            reply.complete(new Reply(outcome, events));
        }

        void refuse(Rejection rejection) {
            answer(new Outcome.Rejected(rejection), List.of());
        }
    }

    private record Acknowledgement(Request request, Outcome outcome) {}

    final List<JournalEntry> entries = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    private final List<List<Event>> eventsOfEach = new ArrayList<>();
    /** Who to answer for each entry or later answer, in order; null for a timer tick. */
    private final List<@Nullable Acknowledgement> acks = new ArrayList<>();
    /** Number of this batch's first event (see {@link EventListener}). */
    final long firstEventSeq;
    /** The read model after this batch; null for a barrier. */
    @Nullable
    ReadModel model;
    /** Completed once the writer has dealt with this batch and all before it. */
    final CompletableFuture<Void> handled = new CompletableFuture<>();
    /** When the loop made this batch ({@link System#nanoTime}): how far the journal is behind. */
    final long madeNanos = System.nanoTime();

    Batch(long firstEventSeq) {
        this.firstEventSeq = firstEventSeq;
    }

    /** Adds an entry, its events, and who to answer when it is durable. */
    void add(JournalEntry entry, List<Event> entryEvents, Request request, Outcome outcome) {
        add(entry, entryEvents, new Acknowledgement(request, outcome));
    }

    /** Adds a timer tick and its events: nobody waits for an answer. */
    void addTick(JournalEntry.Tick tick, List<Event> tickEvents) {
        add(tick, tickEvents, null);
    }

    private void add(JournalEntry entry, List<Event> entryEvents, @Nullable Acknowledgement ack) {
        entries.add(entry);
        events.addAll(entryEvents);
        eventsOfEach.add(entryEvents);
        acks.add(ack);
    }

    /**
     * An answer with nothing to journal, given once what came before is durable: a refusal ("already exists", "not
     * ready") or a repeat may rest on a command of this or an earlier batch, and must not be told while that command
     * could still fail to commit.
     */
    void answerLater(Request request, Outcome outcome) {
        eventsOfEach.add(List.of());
        acks.add(new Acknowledgement(request, outcome));
    }

    boolean isEmpty() {
        return acks.isEmpty();
    }

    long nextEventSeq() {
        return firstEventSeq + events.size();
    }

    /** Everything is durable: answers go out with the events each command caused. */
    void acknowledge() {
        for (int i = 0; i < acks.size(); i++) {
            @Nullable Acknowledgement ack = acks.get(i);
            if (ack != null) {
                ack.request().answer(ack.outcome(), eventsOfEach.get(i));
            }
        }
        handled.complete(null);
    }

    /**
     * The batch will never be confirmed: answers say so ({@code code}), with {@code detail}. A command the engine
     * refused changed nothing whatever became of the others, so its answer says that instead.
     */
    void abandon(Rejection.Code code, String detail) {
        for (@Nullable Acknowledgement ack : acks) {
            if (ack != null && ack.outcome() instanceof Outcome.Rejected) {
                ack.request()
                        .refuse(Rejection.unavailable("the center stopped before it could confirm the state "
                                + "this command was refused on; nothing was changed"));
            } else if (ack != null) {
                ack.request().refuse(new Rejection(code, detail));
            }
        }
        handled.complete(null);
    }
}
