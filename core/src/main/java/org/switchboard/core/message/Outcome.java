package org.switchboard.core.message;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.ContactState;

/**
 * What the engine made of one command: accepted (the events it caused are delivered separately, in order),
 * rejected with a reason, or a repeat of an idempotent command already accepted (nothing was applied again; the
 * original answer is given again).
 */
public sealed interface Outcome {

    /**
     * The command was applied.
     *
     * @param contact   the contact the command was about, as it stands right after it; null for commands about no
     *                  contact (definitions, presence)
     * @param successor the contact that carries on (transfer, callback), as it stands right after; else null
     */
    record Accepted(
            @Nullable ContactStatus contact, @Nullable ContactStatus successor) implements Outcome {
        public static final Accepted PLAIN = new Accepted(null, null);

        public Accepted(ContactStatus contact) {
            this(contact, null);
        }
    }

    record Rejected(Rejection rejection) implements Outcome {}

    /** The same command (same idempotency key and fingerprint) was accepted before; this is its answer then. */
    record Repeated(Accepted original) implements Outcome {}

    /**
     * A contact at one moment, as a reply carries it.
     *
     * @param position             1-based place in line while QUEUED, else null
     * @param estimatedWaitSeconds the estimate while QUEUED (0 when OFFERED), null when unknown
     * @param agentId              the agent offered, connected or wrapping up (the last one, once ended), else null
     * @param disposition          the outcome code an agent recorded, else null
     * @param open                 whether the contact's queue is within its business hours at the command's time
     *                             (always, for a queue without hours); a closed queue still routes to whoever is
     *                             logged in, this is for what the subscriber is told
     * @param opensAtMs            when the queue opens next, epoch ms, while it is closed; null while open
     */
    record ContactStatus(
            UUID id,
            String queueId,
            ContactState state,
            @Nullable Integer position,
            @Nullable Long estimatedWaitSeconds,
            @Nullable String agentId,
            @Nullable String disposition,
            boolean open,
            @Nullable Long opensAtMs) {}

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /** The accepted outcome, also of a repeat; null for a rejection. */
    default @Nullable Accepted accepted() {
        return switch (this) {
            case Accepted a -> a;
            case Repeated r -> r.original();
            case Rejected r -> null;
        };
    }
}
