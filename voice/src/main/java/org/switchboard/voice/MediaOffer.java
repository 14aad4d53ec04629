package org.switchboard.voice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.net.IpLiterals;

/**
 * What a caller's SDP offers for audio, reduced to what the center answers with: G.711 μ-law (PCMU, payload type 0)
 * or A-law (PCMA, 8), whichever the offer lists first; the caller's RTP address and port; and the payload type of
 * RFC 4733 telephone events (DTMF), if offered. Parsed with JAIN SIP's SDP implementation.
 *
 * @param codec           the chosen codec
 * @param address         where the caller receives RTP: a unicast address, never multicast, broadcast or "any"
 * @param port            its port
 * @param telephoneEvents the offered payload type of {@code telephone-event/8000}, or null
 */
public record MediaOffer(
        Codec codec,
        InetAddress address,
        int port,
        @Nullable Integer telephoneEvents) {

    /** Where the caller receives RTP, as the SDP said. */
    public InetSocketAddress remote() {
        return new InetSocketAddress(address, port);
    }

    /** The G.711 codecs, by their static RTP payload types. */
    public enum Codec {
        PCMU(0),
        PCMA(8);

        public final int payloadType;

        Codec(int payloadType) {
            this.payloadType = payloadType;
        }

        static @Nullable Codec of(int payloadType) {
            for (Codec codec : values()) {
                if (codec.payloadType == payloadType) {
                    return codec;
                }
            }
            return null;
        }
    }

    /** An offer the center cannot take: {@code acceptable} false means no shared codec (488), else malformed (400). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean parsed;

        Refused(String message, boolean parsed) {
            super(message);
            this.parsed = parsed;
        }

        /** True when the offer was read but shares no codec (488 Not Acceptable Here); false when malformed (400). */
        public boolean parsed() {
            return parsed;
        }
    }

    static final int MAX_SDP_CHARS = 8_192;

    /** The audio the SDP {@code text} offers; throws {@link Refused} for a malformed offer or one without G.711. */
    public static MediaOffer parse(String text) throws Refused {
        if (text.length() > MAX_SDP_CHARS) {
            throw new Refused("the SDP is longer than " + MAX_SDP_CHARS + " characters", false);
        }
        if (!text.isEmpty() && !text.startsWith("v=")) {
            throw new Refused("the body is not SDP: an SDP begins with its version line, v=0", false);
        }
        try {
            SessionDescription session = SdpFactory.getInstance().createSessionDescription(text);
            @SuppressWarnings("unchecked")
            Vector<MediaDescription> media = session.getMediaDescriptions(false);
            if (media == null) {
                throw new Refused("the SDP offers no media", true);
            }
            for (MediaDescription description : media) {
                MediaOffer offer = audio(session, description);
                if (offer != null) {
                    return offer;
                }
            }
            throw new Refused("the SDP offers no audio in PCMU or PCMA", true);
        } catch (SdpException | RuntimeException e) { // the parser's own failures on hostile text included
            throw new Refused("the SDP cannot be read: " + e.getClass().getSimpleName(), false);
        }
    }

    private static @Nullable MediaOffer audio(SessionDescription session, MediaDescription description)
            throws SdpException, Refused {
        if (!"audio".equalsIgnoreCase(description.getMedia().getMediaType())) {
            return null;
        }
        int port = description.getMedia().getMediaPort();
        if (port <= 0 || port > 65_535) {
            return null; // a rejected stream (port 0)
        }
        Codec codec = null;
        @SuppressWarnings("unchecked")
        List<Object> formats = description.getMedia().getMediaFormats(false);
        for (Object format : formats == null ? List.of() : formats) {
            Integer type = payloadType(String.valueOf(format));
            codec = type == null ? null : Codec.of(type);
            if (codec != null) {
                break;
            }
        }
        if (codec == null) {
            return null;
        }
        Connection connection =
                description.getConnection() != null ? description.getConnection() : session.getConnection();
        if (connection == null || connection.getAddress() == null) {
            throw new Refused("the SDP names no connection address", false);
        }
        return new MediaOffer(codec, address(connection), port, telephoneEvents(description));
    }

    /**
     * The connection address, which must be an IP literal of the family the SDP says, and one media can be sent to
     * for one caller: not multicast, broadcast or "any" (an INVITE must not turn the center into a sprayer of RTP).
     */
    private static InetAddress address(Connection connection) throws SdpException, Refused {
        String text = connection.getAddress();
        if (!IpLiterals.isLiteral(text)) {
            throw new Refused("the SDP's connection address is a name, not an IP address", true);
        }
        InetAddress address;
        try {
            address = IpLiterals.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Refused("the SDP's connection address is not a valid IP address", false);
        }
        boolean v6 = "IP6".equalsIgnoreCase(connection.getAddressType());
        if (v6 ? !(address instanceof Inet6Address) : !(address instanceof Inet4Address)) {
            throw new Refused("the SDP's connection address is not of its address type", true);
        }
        if (address.isMulticastAddress()
                || address.isAnyLocalAddress()
                || address.getHostAddress().equals("255.255.255.255")) {
            throw new Refused("the SDP's connection address cannot take one caller's media", true);
        }
        return address;
    }

    private static @Nullable Integer telephoneEvents(MediaDescription description) throws SdpException {
        @SuppressWarnings("unchecked")
        Vector<Attribute> attributes = description.getAttributes(false);
        for (Attribute attribute : attributes == null ? List.<Attribute>of() : attributes) {
            String value = attribute.getValue();
            if ("rtpmap".equals(attribute.getName())
                    && value != null
                    && value.toLowerCase(Locale.ROOT).contains("telephone-event/8000")) {
                int space = value.indexOf(' ');
                return space < 0 ? null : payloadType(value.substring(0, space));
            }
        }
        return null;
    }

    private static @Nullable Integer payloadType(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int type = Integer.parseInt(digits);
        return type <= 127 ? type : null;
    }

    /** The center's answer: the chosen codec (and telephone events, when offered), received at {@code host:port}. */
    public String answer(String host, int port, long sessionId) {
        return description(host, port, sessionId, List.of(codec), telephoneEvents);
    }

    /**
     * The center's offer to an agent's phone for this caller: both G.711 codecs, the caller's first so that a phone
     * which takes it needs no transcoding (one that takes the other gets the caller transcoded, byte by byte); no
     * telephone events, which the agent's side has nothing to send with.
     */
    String offerToPhone(String host, int port, long sessionId) {
        Codec other = codec == Codec.PCMU ? Codec.PCMA : Codec.PCMU;
        return description(host, port, sessionId, List.of(codec, other), null);
    }

    /**
     * The center's offer to a subscriber it calls back: both G.711 laws, A-law first (the law of Russian and European
     * networks), and RFC 4733 telephone events as payload type 101.
     */
    static String offerToSubscriber(String host, int port, long sessionId) {
        return description(host, port, sessionId, List.of(Codec.PCMA, Codec.PCMU), 101);
    }

    private static String description(
            String host, int port, long sessionId, List<Codec> codecs, @Nullable Integer telephoneEvents) {
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=switchboard ")
                .append(sessionId)
                .append(' ')
                .append(sessionId)
                .append(" IN IP4 ")
                .append(host)
                .append("\r\n")
                .append("s=Switchboard\r\n")
                .append("c=IN IP4 ")
                .append(host)
                .append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ")
                .append(port)
                .append(" RTP/AVP");
        for (Codec each : codecs) {
            sdp.append(' ').append(each.payloadType);
        }
        if (telephoneEvents != null) {
            sdp.append(' ').append(telephoneEvents);
        }
        sdp.append("\r\n");
        for (Codec each : codecs) {
            sdp.append("a=rtpmap:")
                    .append(each.payloadType)
                    .append(' ')
                    .append(each.name())
                    .append("/8000\r\n");
        }
        if (telephoneEvents != null) {
            sdp.append("a=rtpmap:")
                    .append(telephoneEvents)
                    .append(" telephone-event/8000\r\n")
                    .append("a=fmtp:")
                    .append(telephoneEvents)
                    .append(" 0-15\r\n");
        }
        return sdp.append("a=ptime:20\r\na=sendrecv\r\n").toString();
    }
}
