package org.switchboard.core.model;

/**
 * A value someone gave (an operator's queue or agent settings, a channel name, a skill expression) breaks a rule of
 * the model. Its message is written for that person: it names the value and the rule, and adapters may show it to
 * their clients as it is. Any other {@link IllegalArgumentException} is a programming error and its message is not
 * meant for clients.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
