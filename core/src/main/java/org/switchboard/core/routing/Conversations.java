package org.switchboard.core.routing;

import static org.switchboard.core.routing.RoutingEngine.reject;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.CapacityClass;

/**
 * The messages of text contacts, in both directions: what the subscriber wrote ({@link Event.MessageReceived}) and
 * what the center answered ({@link Event.MessageSent}, which the channel adapter delivers). Messages are the
 * contact's timeline, not engine state: nothing here moves a contact.
 */
final class Conversations {

    private final EngineState state;
    private final ContactCommands contacts;

    Conversations(EngineState state, ContactCommands contacts) {
        this.state = state;
        this.contacts = contacts;
    }

    Outcome open(Command.OpenConversation c) {
        if (c.contact().channel().capacityClass() == CapacityClass.VOICE) {
            return reject(Rejection.invalid(
                    "a " + c.contact().channel().wireName() + " contact has no messages; register it without one"));
        }
        return contacts.register(
                c.contact(), c.parentId(), contact -> received(contact, c.messageId(), c.text(), c.externalId()));
    }

    /** The sender's message goes to their open conversation on the channel, or opens {@code c.contact()}. */
    Outcome continueConversation(Command.ContinueConversation c) {
        Command.RegisterContact opening = c.contact();
        Contact open = state.openConversation(opening.channel(), opening.from()); // never a voice contact
        if (open == null
                || open.messages >= Contact.MAX_MESSAGES // a full thread: the sender writes on in a new one
                || !java.util.Objects.equals(open.subscriberId, opening.subscriberId())) { // someone else's, by account
            return open(new Command.OpenConversation(opening, c.messageId(), c.text(), c.externalId()));
        }
        received(open, c.messageId(), c.text(), c.externalId());
        return ContactCommands.accepted(open, state.nowMs);
    }

    /**
     * Records the channel's report on an answer in the contact's thread; a report about a contact that ended is
     * recorded too (receipts come late), with no agent.
     */
    Outcome reportDelivery(Command.ReportDelivery c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact != null) {
            Rejection voice = refuseVoice(contact);
            if (voice != null) {
                return reject(voice);
            }
        }
        state.emit(new Event.MessageStatusChanged(
                c.contactId(),
                c.messageId(),
                c.status(),
                c.externalId(),
                c.detail(),
                contact == null ? null : holder(contact),
                state.nowMs));
        return contact == null ? Outcome.Accepted.PLAIN : ContactCommands.accepted(contact, state.nowMs);
    }

    Outcome receive(Command.ReceiveMessage c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        Rejection refusal = refuseMessage(contact);
        if (refusal != null) {
            return reject(refusal);
        }
        received(contact, c.messageId(), c.text(), c.externalId());
        return ContactCommands.accepted(contact, state.nowMs);
    }

    Outcome send(Command.SendMessage c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = ContactCommands.checkHeld(contact, c.contactId(), c.actingAgentId());
        if (contact == null || refusal != null) {
            return reject(refusal != null ? refusal : Rejection.notFound("no live contact " + c.contactId()));
        }
        Rejection full = refuseMessage(contact);
        if (full != null) {
            return reject(full);
        }
        contact.messages++;
        state.emit(new Event.MessageSent(
                contact.id,
                c.messageId(),
                contact.channel,
                contact.from,
                c.text(),
                c.author(),
                holder(contact),
                state.nowMs));
        return ContactCommands.accepted(contact, state.nowMs);
    }

    private void received(Contact contact, UUID messageId, String text, @Nullable String externalId) {
        contact.messages++;
        state.emit(new Event.MessageReceived(
                contact.id, messageId, contact.channel, contact.from, text, externalId, holder(contact), state.nowMs));
    }

    /** Why {@code contact} takes no further message (a call, or a full conversation), or null when it takes one. */
    private static @Nullable Rejection refuseMessage(Contact contact) {
        Rejection voice = refuseVoice(contact);
        if (voice != null || contact.messages < Contact.MAX_MESSAGES) {
            return voice;
        }
        return Rejection.conflict("contact " + contact.id + " holds " + Contact.MAX_MESSAGES
                + " messages, the most one conversation keeps; the conversation goes on in a new contact");
    }

    private static @Nullable Rejection refuseVoice(Contact contact) {
        if (contact.channel.capacityClass() != CapacityClass.VOICE) {
            return null;
        }
        return Rejection.illegalState(
                "contact " + contact.id + " is a " + contact.channel.wireName() + " contact; it has no messages");
    }

    private static @Nullable String holder(Contact contact) {
        return contact.agent == null ? null : contact.agent.config.id();
    }
}
