package org.switchboard.core.routing;

import static org.switchboard.core.routing.RoutingEngine.reject;

import java.util.Objects;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;

/**
 * What an agent asks for a call it is serving: hold, resume, mute or unmute it (the voice channel acts on the event;
 * the engine keeps no state of it), and a callback at a time the subscriber chose, arranged while the contact goes on.
 */
final class CallCommands {

    /** How far ahead a callback may be arranged: 90 days. */
    static final long MAX_CALLBACK_AHEAD_MS = 90L * 24 * 3_600_000;

    private final EngineState state;
    private final ContactFlow flow;

    CallCommands(EngineState state, ContactFlow flow) {
        this.state = state;
        this.flow = flow;
    }

    Outcome control(Command.ControlCall c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = ContactCommands.checkHeld(contact, c.contactId(), c.actingAgentId());
        if (contact == null || refusal != null) {
            return reject(Objects.requireNonNullElseGet(
                    refusal, () -> Rejection.notFound("no live contact " + c.contactId())));
        }
        if (contact.channel.capacityClass() != CapacityClass.VOICE) {
            return reject(Rejection.illegalState(
                    "contact " + contact.id + " is a " + contact.channel.wireName() + " contact, not a call"));
        }
        if (contact.state != ContactState.CONNECTED || contact.agent == null) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a connected call is held, resumed, muted or unmuted"));
        }
        state.emit(new Event.CallControlled(contact.id, contact.agent.config.id(), c.control(), state.nowMs));
        return ContactCommands.accepted(contact, state.nowMs);
    }

    Outcome scheduleCallback(Command.ScheduleCallback c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = ContactCommands.checkHeld(contact, c.contactId(), c.actingAgentId());
        if (contact == null || refusal != null) {
            return reject(Objects.requireNonNullElseGet(
                    refusal, () -> Rejection.notFound("no live contact " + c.contactId())));
        }
        if (c.atMs() <= state.nowMs || c.atMs() > state.nowMs + MAX_CALLBACK_AHEAD_MS) {
            return reject(Rejection.invalid("a callback is arranged for a time after now and within 90 days"));
        }
        if (state.contacts.containsKey(c.callbackId())) {
            return reject(Rejection.conflict("callback id " + c.callbackId() + " is already used"));
        }
        String requested = c.number();
        String number = requested == null || requested.isBlank() ? contact.from : requested.strip();
        Contact callback = Contact.callbackOf(contact, c.callbackId(), number, ContactState.SCHEDULED, state.nowMs);
        flow.create(callback);
        flow.schedule(callback, c.atMs());
        return new Outcome.Accepted(
                EngineViews.statusOf(contact, state.nowMs), EngineViews.statusOf(callback, state.nowMs));
    }
}
