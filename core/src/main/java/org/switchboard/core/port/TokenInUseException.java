package org.switchboard.core.port;

/**
 * {@link AccessTokens#issue} refused a token because another principal holds it; nothing was changed. The exception
 * says nothing about the token, its hash or its holder, so it may be shown and logged as it is.
 */
public final class TokenInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenInUseException() {
        super("the token is already held by another principal", null, false, false);
    }
}
