package org.switchboard.messaging.mail;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** What the e-mail channel asks the center's records about a message's sender and the contacts it answers. */
public interface Senders {

    /** A subscriber who registered the address: their number and tariff. */
    record Subscriber(String msisdn, String tariff) {}

    /** The subscriber who registered {@code address} (lower case), if any. */
    Optional<Subscriber> byAddress(String address);

    /**
     * When the contact {@code contactId} ended, in ms, when {@code sender} (lower case) wrote it; empty when it is
     * unknown, has not ended, or was someone else's — a stranger's reply must not join their conversation.
     */
    OptionalLong endedAt(UUID contactId, String sender);

    /** Knows no subscriber and no ended contact. */
    Senders NONE = new Senders() {
        @Override
        public Optional<Subscriber> byAddress(String address) {
            return Optional.empty();
        }

        @Override
        public OptionalLong endedAt(UUID contactId, String sender) {
            return OptionalLong.empty();
        }
    };
}
