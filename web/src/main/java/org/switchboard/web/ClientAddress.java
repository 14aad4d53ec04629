package org.switchboard.web;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.net.AddressBlocks;
import org.switchboard.core.net.IpLiterals;

/**
 * Which client a request comes from: the address that connected, or, when that address is one of the reverse proxies
 * the center trusts ({@code http.trusted-proxies}), the address those proxies say they serve: the right-most entry of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. A client that is not a trusted proxy cannot choose its
 * address by sending the header: it is ignored. A port or an IPv6 zone a proxy wrote beside the address is dropped;
 * an entry that is still no IP literal (a proxy's "unknown") is the client's name, kept to printable ASCII and cut
 * short, and never looked up. Addresses are written as RFC 5952 recommends ({@code 2001:db8::7}).
 *
 * <p>Thread-safe: immutable.
 */
final class ClientAddress {

    private static final int MAX_NAME_CHARS = 64;
    private static final int MAX_HOPS = 32;

    private final AddressBlocks trusted;

    ClientAddress(AddressBlocks trustedProxies) {
        this.trusted = trustedProxies;
    }

    /** The client that sent {@code ctx}'s request. */
    String of(Context ctx) {
        String remote = ctx.req().getRemoteAddr();
        return trusted.isEmpty()
                ? written(remote)
                : of(remote, Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    /** The client, for a connection from {@code remote} with these {@code X-Forwarded-For} header values. */
    String of(String remote, List<String> forwardedFor) {
        if (!isTrusted(literal(remote))) {
            return written(remote);
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (!isTrusted(hop)) {
                return written(hops.get(i));
            }
        }
        // every hop a trusted proxy: the left-most was written by whoever sent the request, so it proves nothing
        return written(remote);
    }

    /**
     * Whose share of password checks {@code client} (as {@link #of} wrote it) takes: its own, except an IPv6 address,
     * which shares its /56 with every other address there: a customer's network is commonly a /56 or a /48, and one
     * host alone has a /64 to choose addresses from.
     */
    static String share(String client) {
        InetAddress address = literal(client);
        if (!(address instanceof Inet6Address)) {
            return client;
        }
        byte[] bytes = address.getAddress();
        java.util.Arrays.fill(bytes, 7, 16, (byte) 0);
        return written(bytes) + "/56";
    }

    private boolean isTrusted(@Nullable InetAddress address) {
        return address != null && trusted.allows(address);
    }

    private static List<String> hops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",", -1)) {
                String trimmed = hop.strip();
                if (!trimmed.isEmpty()) {
                    hops.add(trimmed);
                }
            }
        }
        return hops.size() <= MAX_HOPS ? hops : hops.subList(hops.size() - MAX_HOPS, hops.size());
    }

    /** {@code text} as the audit and the shares write it: an address in its usual form, else a safe name. */
    private static String written(String text) {
        InetAddress address = literal(text);
        if (address != null) {
            return written(address.getAddress());
        }
        StringBuilder name = new StringBuilder();
        text.codePoints()
                .limit(MAX_NAME_CHARS)
                .forEach(c -> name.append(c > ' ' && c < 0x7F && c != '<' && c != '>' ? (char) c : '?'));
        return name.toString();
    }

    private static String written(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "."
                    + (address[3] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: "::" replaces the longest run of two or more zero groups, the first if tied
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /**
     * {@code text} as an address when it is an IP literal, with or without a port ({@code 198.51.100.7:51234},
     * {@code [2001:db8::7]:443}) or an IPv6 zone ({@code fe80::1%eth0}); else null.
     */
    private static @Nullable InetAddress literal(String text) {
        String bare = text;
        if (bare.startsWith("[")) {
            int close = bare.indexOf(']');
            bare = close < 0 ? bare : bare.substring(1, close);
        } else if (bare.indexOf(':') == bare.lastIndexOf(':') && bare.indexOf(':') > 0) {
            bare = bare.substring(0, bare.indexOf(':')); // IPv4 with a port
        }
        int zone = bare.indexOf('%');
        if (zone > 0) {
            bare = bare.substring(0, zone);
        }
        try {
            return IpLiterals.isLiteral(bare) ? IpLiterals.parse(bare) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
