package org.switchboard.voice;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that paces every call's RTP: every 20 ms it sends each live stream's next frame. One platform
 * thread for all calls (not a thread or a timer per call): a thousand callers on hold cost a thousand small sends per
 * tick. Ticks follow an absolute schedule (no drift); after a stall (a pause of the collector) the late frames are
 * not sent in a burst: the schedule moves on and the streams' timestamps jump by the time that passed.
 */
final class MediaClock implements AutoCloseable {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_LATE_NANOS = 3 * TICK_NANOS;

    private final Set<Paced> streams = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private final int realtimePriority;

    /**
     * A clock whose thread asks the operating system for real-time scheduling (SCHED_FIFO at {@code realtimePriority},
     * 1-99) when that is above 0: on a busy machine an ordinary thread wakes up milliseconds late, and every stream's
     * next frame with it (bench/load/voice-on-hold.sh: the sender's p99 gap at 1,000 callers went from 26 ms to 23 ms).
     * It needs root or CAP_SYS_NICE; without them the clock runs as an ordinary thread and says so once.
     */
    MediaClock(int realtimePriority) {
        this.realtimePriority = realtimePriority;
        thread = Thread.ofPlatform().name("switchboard-rtp").daemon().unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    void add(Paced stream) {
        streams.add(stream);
    }

    int streams() {
        return streams.size();
    }

    private void run() {
        if (realtimePriority > 0) {
            RealtimeThread.ask(realtimePriority);
        }
        long next = System.nanoTime();
        while (running) {
            next += TICK_NANOS;
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int frames = 1;
            long late = System.nanoTime() - next;
            if (late > MAX_LATE_NANOS) {
                long skipped = late / TICK_NANOS;
                next += skipped * TICK_NANOS;
                frames += (int) skipped;
            }
            for (Paced stream : streams) {
                if (stream.isOver()) {
                    streams.remove(stream);
                } else {
                    stream.tick(frames);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
