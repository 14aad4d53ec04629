package org.switchboard.web;

import io.javalin.http.Context;
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
 * address by sending the header: it is ignored. Entries that are not IP literals (a proxy's "unknown", an address with
 * a port) are taken as the client's name as they are, cut short, and never looked up.
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
                ? remote
                : of(remote, Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    /** The client, for a connection from {@code remote} with these {@code X-Forwarded-For} header values. */
    String of(String remote, List<String> forwardedFor) {
        if (!isTrusted(literal(remote))) {
            return remote;
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return name(hops.get(i));
            }
            if (!isTrusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return hops.isEmpty() ? remote : name(hops.get(0)); // every hop a trusted proxy: the first one asked
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

    private static String name(String hop) {
        return hop.length() <= MAX_NAME_CHARS ? hop : hop.substring(0, MAX_NAME_CHARS);
    }

    /** {@code text} (IPv6 with or without brackets) as an address when it is an IP literal, else null. */
    private static @Nullable InetAddress literal(String text) {
        String bare = text.length() > 2 && text.startsWith("[") && text.endsWith("]")
                ? text.substring(1, text.length() - 1)
                : text;
        try {
            return IpLiterals.isLiteral(bare) ? IpLiterals.parse(bare) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
