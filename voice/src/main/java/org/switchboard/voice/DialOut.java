package org.switchboard.voice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.core.net.IpLiterals;

/**
 * Where callbacks are dialled: the operator's switch or SIP trunk that places calls to subscribers
 * ({@code voice.dial-out-via}, e.g. {@code sip:10.0.0.5:5060;transport=tcp}). The center sends an INVITE for
 * {@code sip:<number>@<switch>} there, for a callback contact's own number only, and only when that number begins
 * with one of {@code numberPrefixes} ({@code voice.dial-out-prefixes}): a caller can put any number in its From
 * header, and an international premium-rate number must not be what the center rings on the operator's account.
 *
 * @param address        the switch's IP address and port
 * @param transport      {@code udp} or {@code tcp}
 * @param numberPrefixes the beginnings of the numbers the center dials, e.g. {@code +79} (the home network's mobiles)
 */
public record DialOut(InetSocketAddress address, String transport, List<String> numberPrefixes) {

    private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{1,15}");

    public DialOut {
        numberPrefixes = List.copyOf(numberPrefixes);
        if (numberPrefixes.isEmpty()) {
            throw new IllegalArgumentException("no number prefixes: the center would dial no callback");
        }
        for (String prefix : numberPrefixes) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("'" + prefix + "' is not a number prefix (+ and 1-15 digits)");
            }
        }
    }

    /** Whether the center dials {@code number}: a mobile number that begins with one of the prefixes. */
    public boolean dials(String number) {
        return CallerNumber.isMsisdn(number) && numberPrefixes.stream().anyMatch(number::startsWith);
    }

    private static final Pattern URI = Pattern.compile(
            "sip:(\\[[0-9A-Fa-f:.]+]|[0-9.]+)(?::(\\d{1,5}))?(?:;transport=(udp|tcp))?", Pattern.CASE_INSENSITIVE);

    /**
     * Reads {@code sip:<ip>[:<port>][;transport=udp|tcp]}: a literal IPv4 or bracketed IPv6 address (no name: a DNS
     * look-up must not stall a callback), port 5060 unless given, UDP unless given.
     */
    public static DialOut parse(String text, String prefixes) {
        Matcher m = URI.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not sip:<ip address>[:<port>][;transport=udp|tcp], e.g. sip:10.0.0.5:5060");
        }
        String host =
                m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        if (!IpLiterals.isLiteral(host)) {
            throw new IllegalArgumentException("'" + host + "' in '" + text + "' is not an IP address");
        }
        int port = m.group(2) == null ? 5060 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port in '" + text + "' must be 1..65535");
        }
        InetAddress address = IpLiterals.parse(host);
        String transport = m.group(3) == null ? "udp" : m.group(3).toLowerCase(Locale.ROOT);
        return new DialOut(
                new InetSocketAddress(address, port),
                transport,
                Arrays.stream(prefixes.split(","))
                        .map(String::strip)
                        .filter(p -> !p.isEmpty())
                        .toList());
    }
}
