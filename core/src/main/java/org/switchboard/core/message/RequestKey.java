package org.switchboard.core.message;

import org.switchboard.core.model.InvalidValueException;

/**
 * What makes a command idempotent: a key the client chose ({@code Idempotency-Key}), scoped to who sent it, and a
 * fingerprint of what was asked. A command that comes again with the same scope and key is not applied again: the
 * engine answers with the outcome it remembered, or refuses when the fingerprint differs (the key was reused for
 * another request). Journaled with the command, so replay and snapshots rebuild what the engine remembers.
 *
 * @param scope       the principal's name: keys of different clients never collide
 * @param key         the client's key, 1..128 printable ASCII characters
 * @param fingerprint a hash of the request's method, target and body
 */
public record RequestKey(String scope, String key, long fingerprint) {

    public static final int MAX_KEY_LENGTH = 128;

    public RequestKey {
        if (scope == null || scope.isEmpty() || scope.length() > 200) {
            throw new InvalidValueException("an idempotency scope is 1..200 characters");
        }
        if (!isValidKey(key)) {
            throw new InvalidValueException(
                    "an idempotency key is 1.." + MAX_KEY_LENGTH + " printable ASCII characters");
        }
    }

    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The scope and key as one string: what the engine remembers outcomes under. */
    public String id() {
        return scope + '\n' + key;
    }
}
