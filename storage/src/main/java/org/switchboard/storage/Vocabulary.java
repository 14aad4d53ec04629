package org.switchboard.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;

/**
 * The names and versions the journal stores messages under, and how it reads the versions it wrote before. A
 * stored name is not the Java class name: classes may be renamed, stored names never are. A message's version is
 * one more than the number of its upcasters; each upcaster turns the JSON of one version into the next, so an
 * entry written by any earlier release is read as today's record.
 *
 * <p>Rules for changing a message (see docs/decisions/0007): add a field → add an upcaster that sets its value for
 * old entries; rename or remove one → an upcaster that moves or drops it; never reuse or change a stored name.
 * Every change adds a golden journal under {@code storage/src/test/resources/golden/}.
 *
 * <p>The journal of the foundation stored the record's simple class name and no version: such names are read as
 * version 1 of the message they named ({@link Entry#legacyName}).
 */
final class Vocabulary {

    /** One message type as stored. */
    record Entry(String name, Class<?> type, @Nullable String legacyName, List<UnaryOperator<ObjectNode>> upcasters) {

        int version() {
            return upcasters.size() + 1;
        }
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final Map<Class<?>, Entry> byType = new LinkedHashMap<>();
    private final Map<String, Entry> byLegacyName = new LinkedHashMap<>();

    static Vocabulary commands() {
        return new Vocabulary()
                .add(
                        "queue.define",
                        Command.DefineQueue.class,
                        "DefineQueue",
                        set("mode", "UPSERT"),
                        inQueue(setNull("hours")),
                        inQueue(set("autoAccept", false)))
                .add(
                        "agent.define",
                        Command.DefineAgent.class,
                        "DefineAgent",
                        set("mode", "UPSERT").andThen(setNull("credential"))::apply,
                        set("caseInsensitive", false))
                .add("user.define", Command.DefineUser.class, null, set("caseInsensitive", false))
                .add("agent.presence", Command.ChangePresence.class, "ChangePresence")
                .add("contact.register", Command.RegisterContact.class, "RegisterContact")
                .add("offer.accept", Command.AcceptOffer.class, "AcceptOffer")
                .add("offer.reject", Command.RejectOffer.class, "RejectOffer")
                .add("contact.connect", Command.ConnectContact.class, null)
                .add("conversation.end", Command.EndConversation.class, null)
                .add("contact.complete", Command.CompleteContact.class, "CompleteContact")
                .add("contact.record-code-word-check", Command.RecordCodeWordCheck.class, null)
                .add("contact.note", Command.NoteContact.class, null)
                .add("conversation.open", Command.OpenConversation.class, null, setNull("parentId"))
                .add("message.receive", Command.ReceiveMessage.class, null)
                .add("conversation.continue", Command.ContinueConversation.class, null)
                .add("message.report-delivery", Command.ReportDelivery.class, null)
                .add("message.send", Command.SendMessage.class, null)
                .add("contact.change-priority", Command.ChangePriority.class, null)
                .add("alert.raise", Command.RaiseAlert.class, null)
                .add("agent.change-skills", Command.ChangeSkills.class, null)
                .add("call.control", Command.ControlCall.class, null)
                .add("call.consult", Command.ConsultColleague.class, null, setNull("queueId"))
                .add("call.end-consultation", Command.EndConsultation.class, null)
                .add("callback.arrange", Command.ScheduleCallback.class, null)
                .add("contact.abandon", Command.AbandonContact.class, "AbandonContact")
                .add("contact.transfer", Command.TransferContact.class, "TransferContact", setNull("toAgentId"))
                .add("callback.request", Command.RequestCallback.class, "RequestCallback", set("keepsHolds", false))
                .add("dial-out.failed", Command.ReportDialOutFailure.class, "ReportDialOutFailure")
                .add("center.recover", Command.Recover.class, "Recover", set("keepsHolds", false))
                .requireAllOf(Command.class);
    }

    static Vocabulary events() {
        return new Vocabulary()
                .add(
                        "queue.defined",
                        Event.QueueDefined.class,
                        "QueueDefined",
                        inQueue(setNull("hours")),
                        inQueue(set("autoAccept", false)))
                .add("agent.defined", Event.AgentDefined.class, "AgentDefined", set("newCredential", false))
                .add("user.defined", Event.UserDefined.class, null)
                .add("agent.status-changed", Event.AgentStatusChanged.class, "AgentStatusChanged")
                .add("contact.created", Event.ContactCreated.class, "ContactCreated")
                .add("contact.scheduled", Event.ContactScheduled.class, "ContactScheduled")
                .add("contact.queued", Event.ContactQueued.class, "ContactQueued")
                .add("contact.step-changed", Event.ContactStepChanged.class, "ContactStepChanged")
                .add("contact.offered", Event.ContactOffered.class, "ContactOffered")
                .add("contact.requeued", Event.ContactRequeued.class, "ContactRequeued")
                .add("dial-out.requested", Event.DialOutRequested.class, "DialOutRequested")
                .add("contact.connected", Event.ContactConnected.class, "ContactConnected")
                .add(
                        "contact.wrap-up-started",
                        Event.ContactWrapUpStarted.class,
                        "ContactWrapUpStarted",
                        setNull("reason"))
                .add("contact.ended", Event.ContactEnded.class, "ContactEnded")
                .add("contact.code-word-checked", Event.CodeWordChecked.class, null)
                .add("contact.noted", Event.ContactNoted.class, null)
                .add("message.received", Event.MessageReceived.class, null)
                .add("message.sent", Event.MessageSent.class, null)
                .add("message.status-changed", Event.MessageStatusChanged.class, null)
                .add("contact.priority-changed", Event.ContactPriorityChanged.class, null)
                .add("alert.raised", Event.AlertRaised.class, null)
                .add("call.controlled", Event.CallControlled.class, null)
                .add("call.consultation-started", Event.ConsultationStarted.class, null)
                .add("call.consultation-ended", Event.ConsultationEnded.class, null)
                .requireAllOf(Event.class);
    }

    @SafeVarargs
    private Vocabulary add(
            String name, Class<?> type, @Nullable String legacyName, UnaryOperator<ObjectNode>... upcasters) {
        Entry entry = new Entry(name, type, legacyName, List.of(upcasters));
        if (byName.putIfAbsent(name, entry) != null || byType.putIfAbsent(type, entry) != null) {
            throw new IllegalStateException("stored name " + name + " or " + type + " registered twice");
        }
        if (legacyName != null) {
            byLegacyName.put(legacyName, entry);
        }
        return this;
    }

    /** Fails at start-up when a message record has no stored name: a message added without one. */
    private Vocabulary requireAllOf(Class<?> sealedRoot) {
        List<Class<?>> missing = new ArrayList<>();
        collectLeaves(sealedRoot, missing);
        missing.removeAll(byType.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("messages without a stored name: " + missing);
        }
        return this;
    }

    private static void collectLeaves(Class<?> sealedType, List<Class<?>> into) {
        for (Class<?> subclass : sealedType.getPermittedSubclasses()) {
            if (subclass.isSealed()) {
                collectLeaves(subclass, into);
            } else {
                into.add(subclass);
            }
        }
    }

    Entry of(Class<?> type) {
        Entry entry = byType.get(type);
        if (entry == null) {
            throw new IllegalStateException("no stored name for " + type);
        }
        return entry;
    }

    /** The entry stored under {@code name}; a legacy class name when {@code version} is null. Null if none. */
    @Nullable
    Entry find(String name, @Nullable Integer version) {
        return version == null ? byLegacyName.get(name) : byName.get(name);
    }

    /** Stored names, in declaration order. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    Map<Class<?>, Entry> entries() {
        return Collections.unmodifiableMap(byType);
    }

    private static UnaryOperator<ObjectNode> set(String field, String value) {
        return node -> node.put(field, value);
    }

    private static UnaryOperator<ObjectNode> set(String field, boolean value) {
        return node -> node.put(field, value);
    }

    private static UnaryOperator<ObjectNode> setNull(String field) {
        return node -> node.putNull(field);
    }

    /** Applies {@code upcaster} to the queue configuration the message carries under {@code queue}. */
    private static UnaryOperator<ObjectNode> inQueue(UnaryOperator<ObjectNode> upcaster) {
        return node -> {
            if (node.get("queue") instanceof ObjectNode queue) {
                node.set("queue", upcaster.apply(queue));
            }
            return node;
        };
    }
}
