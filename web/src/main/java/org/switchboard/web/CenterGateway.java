package org.switchboard.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.message.RequestKey;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.Health;
import org.switchboard.runtime.ReadModel;
import org.switchboard.runtime.Reply;

/**
 * How request threads talk to the {@link ContactCenter}: send a command and wait (bounded) for its durable reply,
 * or run a read on the routing thread. A business refusal becomes the matching {@link ApiException}; an overloaded
 * or stopped center becomes 503. Blocking is fine here: handlers run on virtual threads. Thread-safe.
 *
 * <p>Never a lie about the outcome: when the reply does not come in time the command may still commit, so the
 * answer is 503 {@code timeout} naming what to check before retrying (the contact, the idempotency key), not a
 * refusal.
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
        return accepted(submit(command, null));
    }

    /**
     * The accepted outcome of an answer of {@link #submit(Command, RequestKey)}, the original one for a repeat (a
     * rejection is thrown there, never answered).
     */
    static Outcome.Accepted accepted(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Accepted accepted -> accepted;
            case Outcome.Repeated repeated -> repeated.original();
            case Outcome.Rejected rejected -> throw ApiErrors.fromRejection(rejected.rejection());
        };
    }

    /** The contact a command about a contact left, as its accepted outcome carries it (the engine always sets it). */
    static Outcome.ContactStatus contactOf(Outcome outcome) {
        return Objects.requireNonNull(
                accepted(outcome).contact(), "the engine answers a command about a contact with the contact");
    }

    /** The contact that carries on after a transfer or a callback, as its accepted outcome carries it. */
    static Outcome.ContactStatus successorOf(Outcome outcome) {
        return Objects.requireNonNull(
                accepted(outcome).successor(), "the engine answers a transfer or a callback with its successor");
    }

    /**
     * Sends {@code command} with an idempotency key (or null). The answer is {@link Outcome.Accepted} or, for a
     * repeat, {@link Outcome.Repeated}; a refusal is thrown.
     */
    Outcome submit(Command command, @Nullable RequestKey key) {
        Reply reply;
        try {
            reply = await(center.submit(command, key), timeoutMs);
        } catch (ApiException timeout) {
            throw unknownOutcome(command, key, timeout);
        }
        return switch (reply.outcome()) {
            case Outcome.Accepted accepted -> accepted;
            case Outcome.Repeated repeated -> repeated;
            case Outcome.Rejected rejected
            when rejected.rejection().code() == Rejection.Code.OUTCOME_UNKNOWN ->
                throw unknownOutcome(command, key, new ApiException(503, "timeout", "outcome unknown"));
            case Outcome.Rejected rejected -> throw ApiErrors.fromRejection(rejected.rejection());
        };
    }

    private static ApiException unknownOutcome(Command command, @Nullable RequestKey key, ApiException cause) {
        if (!"timeout".equals(cause.code())) {
            return cause;
        }
        Map<String, Object> check = new LinkedHashMap<>();
        UUID contactId = Commands.contactOf(command);
        if (contactId != null) {
            check.put("contactId", contactId.toString());
        }
        if (key != null) {
            check.put("idempotencyKey", key.key());
        }
        String detail = "the command's outcome is unknown: it may still take effect. "
                + (key != null
                        ? "Retry with the same Idempotency-Key, which cannot apply it twice"
                        : contactId != null ? "Check the contact before retrying" : "Check before retrying");
        return new ApiException(503, "timeout", detail, check);
    }

    /**
     * The center as of its latest durable batch, never waiting for the routing thread: a request that got its
     * answer finds the effect here.
     */
    ReadModel view() {
        return center.view();
    }

    /** How long the oldest command not yet durable has waited for the journal, in milliseconds. */
    long journalLagMillis() {
        return center.journalLagMillis();
    }

    /** Waits while the journal is further behind than {@code maxLagMs}, {@code timeoutMs} at most. */
    void awaitJournalLagWithin(long maxLagMs, long timeoutMs) throws InterruptedException {
        center.awaitJournalLagWithin(maxLagMs, timeoutMs);
    }

    Health health() {
        return center.health();
    }

    boolean isHealthy() {
        return center.isHealthy();
    }

    ContactCenter center() {
        return center;
    }

    private static <T> T await(CompletableFuture<T> future, long waitMs) {
        try {
            return future.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, "timeout", "no answer in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException bug && !(bug instanceof IllegalStateException)) {
                throw bug;
            }
            throw ApiException.unavailable("the center cannot answer now");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the request was interrupted");
        }
    }

    /** What a command is about, for answers that must name it. */
    static final class Commands {
        private Commands() {}

        static @Nullable UUID contactOf(Command command) {
            return switch (command) {
                case Command.RegisterContact c -> c.contactId();
                case Command.AcceptOffer c -> c.contactId();
                case Command.ConnectContact c -> c.contactId();
                case Command.EndConversation c -> c.contactId();
                case Command.RejectOffer c -> c.contactId();
                case Command.CompleteContact c -> c.contactId();
                case Command.AbandonContact c -> c.contactId();
                case Command.TransferContact c -> c.contactId();
                case Command.RequestCallback c -> c.contactId();
                case Command.ReportDialOutFailure c -> c.contactId();
                case Command.RecordCodeWordCheck c -> c.contactId();
                case Command.NoteContact c -> c.contactId();
                case Command.OpenConversation c -> c.contact().contactId();
                case Command.ReceiveMessage c -> c.contactId();
                case Command.ContinueConversation c -> c.contact().contactId();
                case Command.ReportDelivery c -> c.contactId();
                case Command.SendMessage c -> c.contactId();
                case Command.ChangePriority c -> c.contactId();
                case Command.ControlCall c -> c.contactId();
                case Command.ConsultColleague c -> c.contactId();
                case Command.EndConsultation c -> c.contactId();
                case Command.ScheduleCallback c -> c.contactId();
                case Command.ChangeSkills c -> null;
                case Command.RaiseAlert c -> null;
                case Command.DefineQueue c -> null;
                case Command.DefineAgent c -> null;
                case Command.DefineUser c -> null;
                case Command.ChangePresence c -> null;
                case Command.Recover c -> null;
            };
        }
    }
}
