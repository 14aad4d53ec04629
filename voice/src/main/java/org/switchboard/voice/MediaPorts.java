package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * Hands out the UDP sockets calls receive RTP on, at even ports (RTP's convention; RTCP would take the odd one above)
 * within {@code rtp.port-min..rtp.port-max}, taking the next free one round the range from a random start (a
 * stranger cannot guess the first call's port). Thread-safe.
 */
final class MediaPorts {

    private final InetAddress host;
    private final int min;
    private final int max;
    private int next;

    MediaPorts(InetAddress host, int min, int max) {
        this.host = host;
        this.min = min + (min % 2);
        this.max = max;
        this.next =
                this.min + 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt((this.max - this.min) / 2 + 1);
    }

    /** A socket bound to a free even port of the range; throws {@link IOException} when every port is taken. */
    synchronized DatagramSocket open() throws IOException {
        int tries = (max - min) / 2 + 1;
        for (int i = 0; i < tries; i++) {
            int port = next;
            next = next + 2 > max ? min : next + 2;
            try {
                DatagramSocket socket = new DatagramSocket(null);
                try {
                    socket.bind(new InetSocketAddress(host, port));
                    return socket;
                } catch (SocketException taken) {
                    socket.close();
                }
            } catch (SocketException e) {
                throw new IOException("cannot open a UDP socket: " + e.getMessage(), e);
            }
        }
        throw new IOException("every RTP port in " + min + ".." + max + " is taken");
    }
}
