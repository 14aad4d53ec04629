package org.switchboard.core.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of IPv4 or IPv6 addresses and CIDR blocks ({@code 10.20.0.0/16}), as settings write them: the SIP trunks calls
 * may come from (an INVITE from anywhere else is refused), the reverse proxies the web server trusts. Immutable.
 */
public final class AddressBlocks {

    private record Block(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;
    private final String text;

    private AddressBlocks(List<Block> blocks, String text) {
        this.blocks = List.copyOf(blocks);
        this.text = text;
    }

    /**
     * Parses a comma-separated list of addresses and CIDR blocks (literal addresses only: no host names, which would
     * make the check depend on DNS). Throws {@link IllegalArgumentException} naming the entry that is not one.
     */
    public static AddressBlocks parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash), entry);
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String digits = entry.substring(slash + 1);
                boolean plain = !digits.isEmpty()
                        && digits.length() <= 3
                        && digits.chars().allMatch(c -> c >= '0' && c <= '9'); // not "-0", "+8" or "08"
                prefix = plain && (digits.length() == 1 || digits.charAt(0) != '0') ? Integer.parseInt(digits) : -1;
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(
                            "'" + entry + "' is not an address or a CIDR block: the prefix must be 0.." + bits);
                }
            }
            blocks.add(new Block(address, prefix));
        }
        return new AddressBlocks(blocks, list.strip());
    }

    /** Whether some block is {@code /0}: every address of its family. */
    public boolean allowsEveryone() {
        return blocks.stream().anyMatch(block -> block.prefixBits() == 0);
    }

    /** Whether the list names no address at all. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    private static byte[] literal(String address, String entry) {
        try {
            return IpLiterals.parse(address).getAddress(); // never a name: no DNS lookup
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR block", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
