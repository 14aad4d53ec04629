package org.switchboard.voice;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, from the INVITE: the identity the trunk asserts ({@code P-Asserted-Identity}, RFC 3325; only
 * trunks reach this point) or else the From header, as the user part of a SIP URI or the number of a tel URL.
 * Whatever the caller's signalling says is only text here: at most {@link #MAX_CHARS} visible ASCII characters,
 * else "anonymous".
 */
final class CallerNumber {

    static final String ANONYMOUS = "anonymous";
    static final int MAX_CHARS = 64;

    private CallerNumber() {}

    static String of(Request request) {
        String asserted = numberIn(
                request.getHeader("P-Asserted-Identity") instanceof HeaderAddress header ? header.getAddress() : null);
        if (asserted != null) {
            return asserted;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String number = numberIn(from == null ? null : from.getAddress());
        return number == null ? ANONYMOUS : number;
    }

    /** Whether {@code number} looks like a subscriber's MSISDN: an optional '+' and 5..15 digits. */
    static boolean isMsisdn(String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        return digits.length() >= 5 && digits.length() <= 15 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static @Nullable String numberIn(@Nullable Address address) {
        URI uri = address == null ? null : address.getURI();
        String text = switch (uri) {
            case SipURI sip -> sip.getUser();
            case TelURL tel -> (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
            case null, default -> null;
        };
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            return null;
        }
        return text.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? text : null;
    }
}
