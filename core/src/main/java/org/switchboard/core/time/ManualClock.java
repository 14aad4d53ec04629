package org.switchboard.core.time;

/** A clock that moves only when told to: for tests and the simulator. Not thread-safe. */
public final class ManualClock implements Clock {

    private long nowInMs;

    public ManualClock(long startInMs) {
        this.nowInMs = startInMs;
    }

    @Override
    public long nowInMs() {
        return nowInMs;
    }

    public void advanceByMs(long deltaInMs) {
        if (deltaInMs < 0) {
            throw new IllegalArgumentException("time does not go back: " + deltaInMs);
        }
        nowInMs += deltaInMs;
    }

    public void setMs(long nowInMs) {
        if (nowInMs < this.nowInMs) {
            throw new IllegalArgumentException("time does not go back: " + nowInMs + " < " + this.nowInMs);
        }
        this.nowInMs = nowInMs;
    }
}
