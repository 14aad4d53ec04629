package org.switchboard.web;

import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.TokenInUseException;

/** Issues access tokens for the routes that hand them out ({@code /agents}, {@code /users}). */
final class TokenIssuer {

    static final String IN_USE = "this token is already in use; choose another or leave it out";

    private TokenIssuer() {
    }

    /** Issues {@code token} to {@code principal}; a token another principal holds is a 409 that names nobody. */
    static void issue(AccessTokens tokens, Principal principal, String token) {
        try {
            tokens.issue(principal, token);
        } catch (TokenInUseException e) {
            throw ApiException.conflict(IN_USE);
        }
    }
}
