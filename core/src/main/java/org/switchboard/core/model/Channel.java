package org.switchboard.core.model;

import java.util.Locale;

/**
 * The way a subscriber reaches the center. Each channel draws on one {@link CapacityClass} of an agent: a callback
 * is a voice call the center places, so it uses the agent's voice capacity.
 */
public enum Channel {
    /** An inbound call to a service number (111, 269-00-00). */
    VOICE(CapacityClass.VOICE),
    /** A call the center places back to a subscriber who asked for it. */
    CALLBACK(CapacityClass.VOICE),
    /** A text message to the short number, over SMPP. */
    SMS(CapacityClass.TEXT),
    /** A USSD session escalated to an operator. */
    USSD(CapacityClass.TEXT),
    /** An e-mail to the service address. */
    EMAIL(CapacityClass.EMAIL),
    /** A question sent from the self-service portal (LISA) or web chat. */
    WEB(CapacityClass.TEXT);

    private final CapacityClass capacityClass;

    Channel(CapacityClass capacityClass) {
        this.capacityClass = capacityClass;
    }

    public CapacityClass capacityClass() {
        return capacityClass;
    }

    /** The lower-case name used on the wire ({@code "voice"}, {@code "sms"} ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively; throws {@link IllegalArgumentException} for an unknown channel. */
    public static Channel parse(String wireName) {
        try {
            return valueOf(wireName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    "unknown channel '" + wireName + "'; expected one of voice, callback, sms, ussd, email, web");
        }
    }
}
