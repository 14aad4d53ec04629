package org.switchboard.voice;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;

/**
 * The requests the center sends as a user agent client: INVITEs to an agent's phone (a B2BUA leg) and to a subscriber
 * for a callback, OPTIONS to the switch. Each is new, from {@code sip:<from>@<host>} with a random tag, Via the
 * gateway's own address in the transport of the target; an INVITE adds its Contact and SDP offer.
 */
final class Invites {

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String host;
    private final int port;

    Invites(
            SipProvider provider,
            MessageFactory messages,
            HeaderFactory headers,
            AddressFactory addresses,
            String host,
            int port) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.host = host;
        this.port = port;
    }

    /** A SIP URI {@code sip:<user>@<address>:<port>} (user null: no user part), with {@code ;transport=tcp} for TCP. */
    SipURI target(@Nullable String user, String address, int targetPort, String transport) throws Exception {
        SipURI uri = addresses.createSipURI(user, address);
        uri.setPort(targetPort);
        if (isTcp(transport)) {
            uri.setTransportParam("tcp");
        }
        return uri;
    }

    /** An INVITE to {@code target} from {@code fromUser} to {@code toUser}, offering {@code sdp}. */
    Request create(SipURI target, String fromUser, String toUser, String transport, String sdp) throws Exception {
        Request invite = request(Request.INVITE, target, fromUser, toUser, transport);
        SipURI contact = addresses.createSipURI(null, host);
        contact.setPort(port);
        if (isTcp(transport)) {
            contact.setTransportParam("tcp");
        }
        invite.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        return invite;
    }

    /**
     * A new out-of-dialog request: {@code method} to {@code target}, from {@code sip:<fromUser>@<host>} with a random
     * tag to {@code sip:<toUser>@<target host>} ({@code toUser} null: the target's host alone), Via this gateway.
     */
    Request request(String method, SipURI target, String fromUser, @Nullable String toUser, String transport)
            throws Exception {
        return messages.createRequest(
                target,
                method,
                provider.getNewCallId(),
                headers.createCSeqHeader(1L, method),
                headers.createFromHeader(
                        addresses.createAddress(addresses.createSipURI(fromUser, host)),
                        Long.toHexString(ThreadLocalRandom.current().nextLong())),
                headers.createToHeader(addresses.createAddress(addresses.createSipURI(toUser, target.getHost())), null),
                List.of(headers.createViaHeader(
                        host, port, isTcp(transport) ? ListeningPoint.TCP : ListeningPoint.UDP, null)),
                headers.createMaxForwardsHeader(70));
    }

    /** Our tag in the dialog {@code invite} opens. */
    static String localTag(Request invite) {
        return ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag();
    }

    /** The address SDP offers carry: where this gateway receives media. */
    String host() {
        return host;
    }

    private static boolean isTcp(String transport) {
        return "tcp".equalsIgnoreCase(transport);
    }
}
