package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The caller's media end: receives what the center sends (the center's stream, then the phone's, relayed: a
 * second SSRC) and, once it knows where the center sends from, sends it a 1 kHz tone as PCMU every 20 ms. It keeps
 * the last seconds of what it heard, decoded, so a test can ask which tones arrived since a moment, and counts the
 * packets that carry the agent phone's tone. Those are told by their sound, not by their SSRC: on a loaded machine
 * the phone may answer before the center's stream sent its first frame, and then the phone's stream is the first.
 */
final class CallerEar implements AutoCloseable {
    private final DatagramSocket socket =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final Map<Integer, Integer> packetsBySsrc = new ConcurrentHashMap<>();
    private final int phoneHertz;
    private final double[] frame = new double[Prompt.SAMPLES_PER_FRAME];
    private volatile int loudFromPhone;
    private volatile SocketAddress center;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final short[] heard = new short[8_000 * 30];
    private long heardCount;

    /** An ear for a call whose agent phone sends a {@code phoneHertz} tone. */
    CallerEar(int phoneHertz) throws IOException {
        this.phoneHertz = phoneHertz;
        Thread.ofVirtual().start(this::receive);
        Thread.ofVirtual().start(this::send);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many loud packets carried the phone's tone (and little else), from whichever stream. */
    int loudFromPhone() {
        return loudFromPhone;
    }

    /** What the ear got so far, for a failing test's message: streams, packets, loud ones from the phone. */
    String heardSoFar() {
        return "packets by SSRC " + packetsBySsrc + ", samples " + mark() + ", loud packets of the phone's "
                + phoneHertz + " Hz tone " + loudFromPhone;
    }

    private void receive() {
        byte[] buffer = new byte[1_500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running.get()) {
            try {
                packet.setLength(buffer.length);
                socket.setSoTimeout(200);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            center = packet.getSocketAddress();
            int ssrc = ((buffer[8] & 0xFF) << 24)
                    | ((buffer[9] & 0xFF) << 16)
                    | ((buffer[10] & 0xFF) << 8)
                    | (buffer[11] & 0xFF);
            packetsBySsrc.merge(ssrc, 1, Integer::sum);
            if (isPhoneTone(buffer, packet.getLength())) {
                loudFromPhone++;
            }
            keep(buffer, packet.getLength());
        }
    }

    private void send() {
        byte[] packet = new byte[172];
        int sequence = 0;
        long next = System.nanoTime();
        while (running.get()) {
            SocketAddress to = center;
            if (to != null) {
                packet[0] = (byte) 0x80;
                packet[1] = 0;
                packet[2] = (byte) (sequence >>> 8);
                packet[3] = (byte) sequence;
                int timestamp = sequence * 160;
                for (int i = 0; i < 4; i++) {
                    packet[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
                    packet[8 + i] = (byte) (0x5EED >>> (24 - 8 * i));
                }
                for (int i = 0; i < 160; i++) {
                    int sample = sequence * 160 + i;
                    packet[12 + i] = G711.ulaw((short) (8_000 * Math.sin(2 * Math.PI * 1_000 * sample / 8_000.0)));
                }
                try {
                    socket.send(new DatagramPacket(packet, packet.length, to));
                } catch (IOException e) {
                    return;
                }
                sequence++;
            }
            next += 20_000_000;
            java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private synchronized void keep(byte[] buffer, int length) {
        for (int i = 12; i < length; i++) {
            heard[(int) (heardCount++ % heard.length)] = G711.fromUlaw(buffer[i]);
        }
    }

    /** How many samples were heard so far: a mark for {@link #heardSince}. */
    synchronized long mark() {
        return heardCount;
    }

    /** The samples heard since {@code mark} (at most the last 30 s). */
    synchronized double[] heardSince(long mark) {
        int count = (int) Math.min(heardCount - mark, heard.length);
        double[] samples = new double[count];
        for (int i = 0; i < count; i++) {
            samples[i] = heard[(int) ((heardCount - count + i) % heard.length)];
        }
        return samples;
    }

    /** The power of {@code hertz} in {@code samples} at 8 kHz (Goertzel), per sample. */
    static double power(double[] samples, double hertz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hertz / 8_000);
        double previous = 0;
        double beforeThat = 0;
        for (double sample : samples) {
            double now = sample + coefficient * previous - beforeThat;
            beforeThat = previous;
            previous = now;
        }
        double power = previous * previous + beforeThat * beforeThat - coefficient * previous * beforeThat;
        return samples.length == 0 ? 0 : power / samples.length / samples.length;
    }

    /**
     * Whether the packet is loud and nearly all of its power is the phone's tone: a sine of amplitude A has a mean
     * square of A²/2 and a Goertzel power per sample of A²/4 at its frequency, so the ratio of twice the latter to the
     * former is about 1 for the tone alone, and far below for music, speech or another tone.
     */
    private boolean isPhoneTone(byte[] buffer, int length) {
        if (length != 12 + frame.length) {
            return false;
        }
        double square = 0;
        for (int i = 0; i < frame.length; i++) {
            frame[i] = G711.fromUlaw(buffer[12 + i]);
            square += frame[i] * frame[i];
        }
        square /= frame.length;
        return Math.sqrt(square) > 1_000 && 2 * power(frame, phoneHertz) > 0.5 * square;
    }

    @Override
    public void close() {
        running.set(false);
        socket.close();
    }
}
