package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.core.port.PhoneCredentials;

/**
 * A SIP phone written by hand over one UDP socket, for what real phones will not do on purpose: it sends REGISTERs
 * with chosen credentials and answers requests exactly as a test says (a 200 OK after a CANCEL, say).
 */
final class RawPhone implements AutoCloseable {

    final DatagramSocket socket;
    private final int registrarPort;
    private int cseq;

    RawPhone(int registrarPort) throws IOException {
        this.registrarPort = registrarPort;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5_000);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Sends a REGISTER for {@code user} (with {@code authorization}, or none) and returns the answer. */
    String register(String user, String authorization, int expires) throws IOException {
        int port = port();
        cseq++;
        send("REGISTER sip:127.0.0.1:" + registrarPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-reg-" + cseq + "-" + System.nanoTime()
                + "\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=reg" + cseq + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: register-" + user + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Max-Forwards: 70\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + port + ">;expires=" + expires + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n");
        return receive();
    }

    /** Registers {@code user} with {@code password}: the challenge, then the answer to it; returns the final answer. */
    String registerWith(String user, String password) throws IOException {
        String nonce = nonce(register(user, null, 3600));
        return register(user, authorization(user, password, nonce), 3600);
    }

    /** A digest Authorization header's value for a REGISTER of {@code user}. */
    String authorization(String user, String password, String nonce) {
        String uri = "sip:127.0.0.1:" + registrarPort;
        String response = Digest.response(
                PhoneCredentials.ha1(user, PhoneBook.REALM, password),
                nonce,
                "REGISTER",
                uri,
                "auth",
                "00000001",
                "c0ffee");
        return "Digest username=\"" + user + "\", realm=\"" + PhoneBook.REALM + "\", nonce=\"" + nonce + "\", uri=\""
                + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\"";
    }

    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), registrarPort));
    }

    /** The next message that arrives (5 s at most). */
    String receive() throws IOException {
        DatagramPacket answer = new DatagramPacket(new byte[8_192], 8_192);
        socket.receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
    }

    /** The next request with method {@code method} (others are skipped), within 5 s of each message. */
    String receive(String method) throws IOException {
        while (true) {
            String message = receive();
            if (message.startsWith(method + " ")) {
                return message;
            }
        }
    }

    /** A response {@code status} to {@code request}: its Via, From, Call-ID and CSeq, its To with {@code toTag}. */
    String response(String request, String status, String toTag, String body) {
        StringBuilder response = new StringBuilder("SIP/2.0 " + status + "\r\n");
        for (String line : request.split("\r\n")) {
            String name = line.contains(":")
                    ? line.substring(0, line.indexOf(':')).strip().toLowerCase()
                    : "";
            switch (name) {
                case "via", "from", "call-id", "cseq" -> response.append(line).append("\r\n");
                case "to" ->
                    response.append(line.contains(";tag=") ? line : line + ";tag=" + toTag)
                            .append("\r\n");
                default -> {}
            }
        }
        response.append("Contact: <sip:phone@127.0.0.1:").append(port()).append(">\r\n");
        if (!body.isEmpty()) {
            response.append("Content-Type: application/sdp\r\n");
        }
        return response.append("Content-Length: ")
                .append(body.length())
                .append("\r\n\r\n")
                .append(body)
                .toString();
    }

    static String header(String message, String name) {
        Matcher matcher = Pattern.compile("(?im)^" + name + ":\\s*(.*)$").matcher(message);
        assertThat(matcher.find()).as("%s in %s", name, message).isTrue();
        return matcher.group(1).strip();
    }

    static String nonce(String challenge) {
        Matcher matcher = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertThat(matcher.find()).as(challenge).isTrue();
        return matcher.group(1);
    }

    @Override
    public void close() {
        socket.close();
    }
}
