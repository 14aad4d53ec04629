package org.switchboard.core.message;

/**
 * What the engine made of one command: accepted (the events it caused are delivered separately, in order) or
 * rejected with a reason. An accepted {@link Command.RegisterContact} carries the contact's {@link Placement}.
 */
public sealed interface Outcome {

    record Accepted(Placement placement) implements Outcome {
        public static final Accepted PLAIN = new Accepted(null);
    }

    record Rejected(Rejection rejection) implements Outcome {}

    /** Where a new contact stands right after it arrived. */
    record Placement(String state, Integer position, Long estimatedWaitSeconds) {}

    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
