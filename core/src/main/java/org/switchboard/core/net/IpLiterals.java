package org.switchboard.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP addresses written as literals, turned into {@link InetAddress}es without ever asking DNS. */
public final class IpLiterals {

    private IpLiterals() {}

    /**
     * Whether {@code text} looks like an IPv4 dotted quad or an IPv6 literal (hexadecimal digits, colons and dots, at
     * least one colon, which no host name holds); {@link #parse} still refuses a malformed one.
     */
    public static boolean isLiteral(String text) {
        return isDottedQuad(text)
                || (text.indexOf(':') >= 0
                        && text.length() <= 45
                        && text.chars().allMatch(IpLiterals::isV6Char));
    }

    private static boolean isV6Char(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    /** The address {@code text} spells; {@link IllegalArgumentException} when it is not a literal. */
    public static InetAddress parse(String text) {
        if (!isLiteral(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
        }
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return false; // "010" is 8 to inet_aton and 10 to others: neither guessed
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
