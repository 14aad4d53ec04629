package org.switchboard.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The receiving end of many RTP streams on one UDP port (callers on hold, whose SDP names this port): records every
 * packet's arrival, per stream (SSRC), and prints how regular the streams were — the inter-packet gaps' median, p99,
 * p99.9 and maximum over all streams, and the streams whose own p99 gap is 25 ms or more. Only gaps within a stream's
 * steady part count: its first second after the first packet is skipped (the answer, the first prompt's start).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.switchboard.bench.RtpGaps PORT SECONDS</pre>
 */
public final class RtpGaps {

    private static final long WARM_UP_NANOS = 1_000_000_000L;

    private RtpGaps() {}

    /** One stream's gaps in microseconds, growing as packets come. */
    private static final class Stream {
        final long firstNanos;
        long lastNanos;
        int[] gaps = new int[4_096];
        int count;

        Stream(long now) {
            firstNanos = now;
            lastNanos = now;
        }

        void packet(long now) {
            if (now - firstNanos > WARM_UP_NANOS) {
                if (count == gaps.length) {
                    gaps = Arrays.copyOf(gaps, count * 2);
                }
                gaps[count++] = (int) ((now - lastNanos) / 1_000);
            }
            lastNanos = now;
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        Map<Integer, Stream> streams = new HashMap<>();
        long packets = 0;
        try (DatagramSocket socket =
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            socket.setReceiveBufferSize(8 << 20);
            socket.setSoTimeout(200);
            byte[] buffer = new byte[2_048];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException quiet) {
                    continue;
                }
                long now = System.nanoTime();
                if (packet.getLength() < 12 || (buffer[0] & 0xC0) != 0x80) {
                    continue;
                }
                int ssrc = ((buffer[8] & 0xFF) << 24)
                        | ((buffer[9] & 0xFF) << 16)
                        | ((buffer[10] & 0xFF) << 8)
                        | (buffer[11] & 0xFF);
                streams.computeIfAbsent(ssrc, s -> new Stream(now)).packet(now);
                packets++;
            }
        }
        report(streams, packets, seconds);
    }

    private static void report(Map<Integer, Stream> streams, long packets, long seconds) {
        int total = streams.values().stream().mapToInt(s -> s.count).sum();
        int[] all = new int[total];
        int at = 0;
        int irregular = 0;
        for (Stream s : streams.values()) {
            System.arraycopy(s.gaps, 0, all, at, s.count);
            at += s.count;
            int[] own = Arrays.copyOf(s.gaps, s.count);
            Arrays.sort(own);
            if (s.count > 0 && own[(int) Math.min(s.count - 1, Math.floor(s.count * 0.99))] >= 25_000) {
                irregular++;
            }
        }
        Arrays.sort(all);
        System.out.printf(
                "%d streams, %d packets in %d s (%.0f packets/s); gaps over %d intervals: median %.1f ms, p99 %.1f ms,"
                        + " p99.9 %.1f ms, max %.1f ms; streams with a p99 gap of 25 ms or more: %d%n",
                streams.size(),
                packets,
                seconds,
                packets / (double) seconds,
                total,
                quantile(all, 0.5),
                quantile(all, 0.99),
                quantile(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1_000.0,
                irregular);
    }

    private static double quantile(int[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * q))] / 1_000.0;
    }
}
