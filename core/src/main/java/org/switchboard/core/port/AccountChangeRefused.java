package org.switchboard.core.port;

/** A change of a subscriber's account that was not made, and why; nothing changed. */
public final class AccountChangeRefused extends RuntimeException {

    /** Why a change was refused. */
    public enum Reason {
        /** No subscriber has that MSISDN. */
        UNKNOWN_SUBSCRIBER,
        /** The catalogue has no such tariff or service. */
        NOT_IN_CATALOGUE,
        /** The account is already so (the tariff is the current one; the service is already on or off). */
        UNCHANGED,
        /** The subscriber's tariff does not allow the service. */
        NOT_ALLOWED,
        /** The balance does not cover the change's fee. */
        INSUFFICIENT_BALANCE,
        /** Another subscriber holds it (a registered e-mail address). */
        TAKEN
    }

    private final Reason reason;

    public AccountChangeRefused(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
