package org.switchboard.runtime;

import org.jspecify.annotations.Nullable;

/**
 * Whether the center takes commands, as {@code /health} reports it.
 *
 * @param status UP: taking commands; STARTING: listening, but its channels and planning are not all attached yet;
 *               DEGRADED: refusing commands for a while and recovering by itself (reads keep working); DOWN: stopped,
 *               needs a person
 * @param reason why it is not UP ({@code database}, {@code recovering}, {@code stopped}...), else null
 * @param detail a sentence for operators, else null
 */
public record Health(
        Status status, @Nullable String reason, @Nullable String detail) {

    public enum Status {
        UP,
        STARTING,
        DEGRADED,
        DOWN
    }

    static final Health UP = new Health(Status.UP, null, null);

    /** Listening, while the rest of the process is attached. */
    public static Health starting(String detail) {
        return new Health(Status.STARTING, "starting", detail);
    }

    static Health degraded(String reason, String detail) {
        return new Health(Status.DEGRADED, reason, detail);
    }

    static Health down(String reason, String detail) {
        return new Health(Status.DOWN, reason, detail);
    }

    public boolean isUp() {
        return status == Status.UP;
    }
}
