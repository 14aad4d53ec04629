package org.switchboard.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ring of the bullseye: which agents may take the contact while it is at this step, and for how long it stays.
 * When {@code timeoutSeconds} runs out the contact moves to the next, usually wider, step; or, when
 * {@code overflowQueue} is set, it is transferred to that queue, keeping its history.
 *
 * @param skills         the agents who may take the contact at this step (the whole set, not an addition)
 * @param timeoutSeconds seconds at this step before moving on; 0 means the contact stays here
 * @param overflowQueue  queue to transfer to when the timeout runs out, or {@code null}
 */
public record RoutingStep(
        SkillExpression skills,
        int timeoutSeconds,
        @Nullable String overflowQueue) {

    public RoutingStep {
        Objects.requireNonNull(skills, "skills");
        if (timeoutSeconds < 0) {
            throw new InvalidValueException("step timeoutSeconds must be >= 0, was " + timeoutSeconds);
        }
        if (overflowQueue != null) {
            Ids.require("overflow queue", overflowQueue);
            if (timeoutSeconds == 0) {
                throw new InvalidValueException("a step with overflowQueue needs timeoutSeconds > 0");
            }
        }
    }

    public static RoutingStep of(SkillExpression skills, int timeoutSeconds) {
        return new RoutingStep(skills, timeoutSeconds, null);
    }
}
