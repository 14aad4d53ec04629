package org.switchboard.core.port;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail addresses subscribers registered: mail from one is matched to its subscriber. An address belongs to one
 * subscriber at most; addresses are kept in lower case.
 */
public interface SubscriberEmails {

    /** The longest address SMTP allows (RFC 5321: a path of 256 octets, less the angle brackets). */
    int MAX_ADDRESS = 254;

    /** The subscriber who registered {@code address} (any case), if any. */
    Optional<String> msisdnOf(String address);

    /** The address the subscriber registered, if any. */
    Optional<String> addressOf(String msisdn);

    /**
     * Registers {@code address} for the subscriber, replacing the one before, or removes it ({@code null}); audited
     * ({@code subscriber.set-email}: who, which contact, before and after) in the same transaction. Throws
     * {@link AccountChangeRefused}, nothing changed, for an unknown subscriber, an address another subscriber
     * registered ({@code TAKEN}), or the current one ({@code UNCHANGED}).
     */
    void register(String msisdn, @Nullable String address, AccountActor actor);

    /** {@code address} in lower case, if it is a plausible mailbox address ({@code local@domain}); else empty. */
    static Optional<String> normalized(@Nullable String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip().toLowerCase(java.util.Locale.ROOT);
        return a.length() <= MAX_ADDRESS
                        && a.matches("[^@\\s<>()\\[\\],;:\"\\\\]{1,64}@[a-z0-9.-]{1,253}\\.[a-z0-9-]{2,63}")
                ? Optional.of(a)
                : Optional.empty();
    }
}
