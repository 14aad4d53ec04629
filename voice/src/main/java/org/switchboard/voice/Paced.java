package org.switchboard.voice;

/** A stream the {@link MediaClock} sends a frame of every 20 ms, on its thread, until it is over. */
interface Paced {

    /** Sends the next frame; {@code frames} (at least 1) is how many 20 ms periods passed since the last tick. */
    void tick(int frames);

    /** True once the stream ended: the clock forgets it. */
    boolean isOver();
}
