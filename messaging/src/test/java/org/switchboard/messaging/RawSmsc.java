package org.switchboard.messaging;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMSC written byte by byte for the fuzz test: it answers the bind, then writes whatever PDUs it is given, however
 * broken, and notes what comes back ({@code statuses}: deliver_sm_resp status by sequence number).
 */
final class RawSmsc implements AutoCloseable {

    static final int BIND_TRANSCEIVER_RESP = 0x80000009;
    static final int DELIVER_SM = 0x00000005;
    static final int DELIVER_SM_RESP = 0x80000005;
    static final int ENQUIRE_LINK = 0x00000015;
    static final int GENERIC_NACK = 0x80000000;
    static final int UNBIND = 0x00000006;

    private final ServerSocket listener;
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    final AtomicInteger nacks = new AtomicInteger();
    private Socket socket;
    private DataOutputStream out;

    RawSmsc() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(20_000);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Waits for the ESME to connect and bind, answers it, and reads what it sends from then on. */
    void acceptBind() throws IOException {
        socket = listener.accept();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
        int length = in.readInt();
        in.readInt(); // bind_transceiver
        in.readInt();
        int sequence = in.readInt();
        in.readNBytes(length - 16);
        write(pdu(BIND_TRANSCEIVER_RESP, 0, sequence, "fuzz\0".getBytes(StandardCharsets.US_ASCII)));
        Thread.ofVirtual().start(() -> read(in));
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int length = in.readInt();
                int id = in.readInt();
                int status = in.readInt();
                int sequence = in.readInt();
                in.readNBytes(Math.max(0, length - 16));
                if (id == DELIVER_SM_RESP) {
                    statuses.put(sequence, status);
                } else if (id == GENERIC_NACK) {
                    nacks.incrementAndGet();
                    statuses.put(sequence, status);
                } else if (id == ENQUIRE_LINK) {
                    write(pdu(0x80000015, 0, sequence, new byte[0]));
                } else if (id == UNBIND) {
                    write(pdu(0x80000006, 0, sequence, new byte[0]));
                    socket.close();
                }
            }
        } catch (IOException closed) {
            // the link ended
        }
    }

    /** Writes raw bytes; false when the ESME has dropped the link. */
    synchronized boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException dropped) {
            return false;
        }
    }

    static byte[] pdu(int id, int status, int sequence, byte[] body) {
        return ByteBuffer.allocate(16 + body.length)
                .putInt(16 + body.length)
                .putInt(id)
                .putInt(status)
                .putInt(sequence)
                .put(body)
                .array();
    }

    /** A well-formed deliver_sm body from {@code from} (international) to 111. */
    static byte[] deliverBody(String from, byte esmClass, byte dataCoding, byte[] message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, ""); // service_type
        body.write(1);
        body.write(1);
        cstring(body, from);
        body.write(0);
        body.write(0);
        cstring(body, "111");
        body.write(esmClass);
        body.write(0); // protocol_id
        body.write(0); // priority_flag
        cstring(body, ""); // schedule_delivery_time
        cstring(body, ""); // validity_period
        body.write(0); // registered_delivery
        body.write(0); // replace_if_present_flag
        body.write(dataCoding);
        body.write(0); // sm_default_msg_id
        body.write(message.length);
        body.writeBytes(message);
        return body.toByteArray();
    }

    private static void cstring(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        listener.close();
    }
}
