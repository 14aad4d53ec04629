package org.switchboard.app;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.SubscriberEmails;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.messaging.mail.Senders;

/** Who wrote (a subscriber who registered the address) and when a conversation ended, from the database. */
final class MailSenders implements Senders {

    private final SubscriberEmails emails;
    private final SubscriberRegistry subscribers;
    private final ContactHistory history;

    MailSenders(SubscriberEmails emails, SubscriberRegistry subscribers, ContactHistory history) {
        this.emails = emails;
        this.subscribers = subscribers;
        this.history = history;
    }

    @Override
    public Optional<Subscriber> byAddress(String address) {
        return emails.msisdnOf(address).flatMap(subscribers::find).map(s -> new Subscriber(s.msisdn(), s.tariff()));
    }

    @Override
    public OptionalLong endedAt(UUID contactId, String sender) {
        boolean theirs = false;
        for (Event.ContactEvent event : history.timeline(contactId)) {
            if (event instanceof Event.ContactCreated created
                    && created.contactId().equals(contactId)) {
                theirs = sender.equalsIgnoreCase(created.from());
            }
            if (event instanceof Event.ContactEnded ended && ended.contactId().equals(contactId) && theirs) {
                return OptionalLong.of(ended.atMs());
            }
        }
        return OptionalLong.empty();
    }
}
