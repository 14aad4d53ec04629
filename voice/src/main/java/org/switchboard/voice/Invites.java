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

/**
 * The INVITEs the center sends as a user agent client: to an agent's phone (a B2BUA leg) and to a subscriber for a
 * callback. Each is a new dialog from {@code sip:<from>@<host>} with a random tag, a Contact and Via at the gateway's
 * own address and the transport of the target, and an SDP offer.
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

    /** A SIP URI {@code sip:<user>@<address>:<port>}, with {@code ;transport=tcp} for TCP. */
    SipURI target(String user, String address, int targetPort, String transport) throws Exception {
        SipURI uri = addresses.createSipURI(user, address);
        uri.setPort(targetPort);
        if (isTcp(transport)) {
            uri.setTransportParam("tcp");
        }
        return uri;
    }

    /** An INVITE to {@code target} from {@code fromUser} to {@code toUser}, offering {@code sdp}. */
    Request create(SipURI target, String fromUser, String toUser, String transport, String sdp) throws Exception {
        Request invite = messages.createRequest(
                target,
                Request.INVITE,
                provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(
                        addresses.createAddress(addresses.createSipURI(fromUser, host)),
                        Long.toHexString(ThreadLocalRandom.current().nextLong())),
                headers.createToHeader(addresses.createAddress(addresses.createSipURI(toUser, target.getHost())), null),
                List.of(headers.createViaHeader(
                        host, port, isTcp(transport) ? ListeningPoint.TCP : ListeningPoint.UDP, null)),
                headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI(null, host);
        contact.setPort(port);
        if (isTcp(transport)) {
            contact.setTransportParam("tcp");
        }
        invite.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        return invite;
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
