package org.switchboard.core.port;

import java.util.Optional;

/**
 * Bearer tokens of API users, stored only as hashes. Thread-safe.
 */
public interface AccessTokens {

    /** The principal owning {@code token}, if any. */
    Optional<Principal> authenticate(String token);

    /**
     * Stores (the hash of) {@code token} for {@code principal}, replacing the principal's previous token. Throws
     * {@link TokenInUseException} when another principal holds {@code token}; both keep their tokens then.
     */
    void issue(Principal principal, String token);
}
