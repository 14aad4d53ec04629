package org.switchboard.selfservice;

/**
 * The locks under which a number's waiting callback is looked for and, when there is none, arranged: the portal's
 * "Call me back" and the USSD menu's (over HTTP and SMPP) take the same one for a number, so a subscriber who asks
 * from two channels at the same moment gets one callback, not two (a hostile probe got two, three times in three,
 * while each channel kept its own rule). Within this process: a center of several web nodes would keep the rule in
 * the routing engine. Striped: numbers that share a stripe only wait for each other.
 */
public final class CallbackLocks {

    private static final Object[] STRIPES = new Object[64];

    static {
        java.util.Arrays.setAll(STRIPES, i -> new Object());
    }

    private CallbackLocks() {}

    /** The lock of {@code msisdn}'s callbacks. */
    public static Object of(String msisdn) {
        return STRIPES[Math.floorMod(msisdn.hashCode(), STRIPES.length)];
    }
}
