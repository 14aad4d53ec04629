package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.port.Role;

/**
 * Queues and agents as administrators define them. Skill expressions are evaluated here, when a queue or an agent
 * is (re)defined, never while routing: each agent learns the routing targets it is eligible for, with its score
 * there. A redefinition keeps waiting contacts in their places and re-offers them by the queue's policy.
 */
final class Definitions {

    private final EngineState state;
    private final ContactFlow flow;
    private final Matcher matcher;

    Definitions(EngineState state, ContactFlow flow, Matcher matcher) {
        this.state = state;
        this.flow = flow;
        this.matcher = matcher;
    }

    Outcome defineQueue(QueueConfig config, DefinitionMode mode) {
        Rejection refusal = checkMode("queue '" + config.id() + "'", state.queues.containsKey(config.id()), mode);
        if (refusal != null) {
            return RoutingEngine.reject(refusal);
        }
        for (RoutingStep step : config.steps()) {
            String overflow = step.overflowQueue();
            if (overflow != null && (overflow.equals(config.id()) || !state.queues.containsKey(overflow))) {
                return RoutingEngine.reject(
                        Rejection.invalid("overflow queue '" + overflow + "' must be another existing queue"));
            }
        }
        Queue queue = state.queues.get(config.id());
        if (queue == null) {
            queue = new Queue(config);
            state.queues.put(config.id(), queue);
            for (Agent agent : state.agents) {
                addTargets(agent, queue);
            }
        } else {
            reconfigure(queue, config);
        }
        recountStaffing(queue);
        state.emit(new Event.QueueDefined(config.id(), config, state.nowMs));
        matchAfterRedefinition(queue);
        return Outcome.Accepted.PLAIN;
    }

    Outcome defineAgent(Command.DefineAgent command) {
        AgentConfig config = command.agent();
        if (state.users.containsKey(config.id())) {
            return RoutingEngine.reject(Rejection.conflict("the name '" + config.id() + "' belongs to a user"));
        }
        Rejection refusal = command.caseInsensitive() ? takenInOtherCase(config.id()) : null;
        if (refusal == null) {
            refusal =
                    checkMode("agent '" + config.id() + "'", state.agentsById.containsKey(config.id()), command.mode());
        }
        if (refusal == null) {
            refusal = checkCredential(config.id(), command.credential());
        }
        if (refusal != null) {
            return RoutingEngine.reject(refusal);
        }
        Agent agent = define(config);
        boolean newCredential = grant(config.id(), command.credential());
        state.emit(new Event.AgentDefined(config.id(), newCredential, state.nowMs));
        matcher.serveAgent(agent);
        return Outcome.Accepted.PLAIN;
    }

    /** New skills for an existing agent: the rest of its configuration and its token stay. */
    Outcome changeSkills(Command.ChangeSkills command) {
        Agent existing = state.agentsById.get(command.agentId());
        if (existing == null) {
            return RoutingEngine.reject(Rejection.notFound("no agent '" + command.agentId() + "'"));
        }
        AgentConfig was = existing.config;
        Agent agent =
                define(new AgentConfig(was.id(), was.name(), command.skills(), was.capacity(), was.voiceExclusive()));
        state.emit(new Event.AgentDefined(was.id(), false, state.nowMs));
        matcher.serveAgent(agent);
        return Outcome.Accepted.PLAIN;
    }

    Outcome defineUser(Command.DefineUser command) {
        String name = command.name();
        if (state.agentsById.containsKey(name)) {
            return RoutingEngine.reject(Rejection.conflict("the name '" + name + "' belongs to an agent"));
        }
        Rejection refusal = command.caseInsensitive() ? takenInOtherCase(name) : null;
        if (refusal == null) {
            refusal = checkMode("user '" + name + "'", state.users.containsKey(name), command.mode());
        }
        if (refusal == null) {
            refusal = checkCredential(name, command.credential());
        }
        if (refusal == null && isLastAdministrator(name) && command.role() != Role.ADMIN) {
            refusal = Rejection.conflict("'" + name + "' is the last administrator; make another one first");
        }
        if (refusal != null) {
            return RoutingEngine.reject(refusal);
        }
        state.users.put(name, command.role());
        state.nameTaken(name);
        boolean newCredential = grant(name, command.credential());
        state.emit(new Event.UserDefined(name, command.role(), newCredential, state.nowMs));
        return Outcome.Accepted.PLAIN;
    }

    /** A refusal when {@code name} differs only in case from an agent's or user's name; null when it does not. */
    private @Nullable Rejection takenInOtherCase(String name) {
        String taken = state.takenInOtherCase(name);
        return taken == null
                ? null
                : Rejection.conflict("the name '" + name + "' is taken as '" + taken + "' (names are one in any case)");
    }

    /** Whether {@code name} is the only user with the admin role: the center must keep one. */
    private boolean isLastAdministrator(String name) {
        if (state.users.get(name) != Role.ADMIN) {
            return false;
        }
        return state.users.values().stream().filter(role -> role == Role.ADMIN).count() == 1;
    }

    private static @Nullable Rejection checkMode(String what, boolean exists, DefinitionMode mode) {
        return switch (mode) {
            case CREATE -> exists ? Rejection.conflict(what + " already exists") : null;
            case REPLACE -> exists ? null : Rejection.notFound(what + " does not exist");
            case UPSERT -> null;
        };
    }

    /** A token belongs to one principal: refused when another holds it. */
    private @Nullable Rejection checkCredential(String principal, @Nullable Credential credential) {
        if (credential == null) {
            return null;
        }
        String holder = state.holderOf.get(credential.tokenHash());
        if (holder != null && !holder.equals(principal)) {
            return Rejection.conflict("this token is already in use; choose another or leave it out");
        }
        return null;
    }

    /** Gives the principal the credential, revoking its previous one; false when there is none to give. */
    private boolean grant(String principal, @Nullable Credential credential) {
        if (credential == null) {
            return false;
        }
        String previous = state.credentialOf.put(principal, credential.tokenHash());
        if (previous != null) {
            state.holderOf.remove(previous);
        }
        state.holderOf.put(credential.tokenHash(), principal);
        return true;
    }

    private Agent define(AgentConfig config) {
        Agent agent = state.agentsById.get(config.id());
        if (agent == null) {
            agent = new Agent(state.agents.size(), config);
            agent.statusSinceMs = state.nowMs;
            state.agents.add(agent);
            state.agentsById.put(config.id(), agent);
            state.nameTaken(config.id());
        } else {
            agent.setStaffed(false);
            for (Agent.Eligibility e : agent.targets) {
                e.target().eligibleAgents--;
            }
            agent.targets.clear();
            agent.queues.clear();
            agent.targetsChanged();
            agent.configure(config);
        }
        for (Queue queue : state.queues.values()) {
            addTargets(agent, queue);
        }
        agent.setStaffed(true);
        agent.stamp++;
        return agent;
    }

    /**
     * The queue's targets are new: advertise its ready agents there, then give its waiting contacts, in routing
     * order, the agent the queue's policy prefers (serving agents one by one would favour definition order).
     */
    private void matchAfterRedefinition(Queue queue) {
        for (Agent agent : state.agents) {
            if (agent.servesQueue(queue) && agent.presence == Presence.READY) {
                agent.stamp++;
                matcher.advertise(agent);
            }
        }
        List<Contact> waiting = waitingIn(queue);
        waiting.sort(Contact.ROUTING_ORDER);
        for (Contact contact : waiting) {
            if (contact.state != ContactState.QUEUED) {
                continue;
            }
            Agent agent = matcher.availableAgentFor(contact);
            if (agent != null) {
                contact.target().waiting[contact.capacityIndex()].remove(contact);
                matcher.offer(contact, agent);
                matcher.serveAgent(agent);
            }
        }
    }

    private void reconfigure(Queue queue, QueueConfig config) {
        List<Contact> waiting = waitingIn(queue);
        queue.configure(config);
        for (Agent agent : state.agents) {
            agent.targets.removeIf(e -> e.target().queue == queue);
            agent.targetsChanged();
            agent.queues.remove(queue);
            addTargets(agent, queue);
        }
        int lastStep = queue.targets.length - 1;
        for (Contact contact : state.contacts.values()) {
            if (contact.queue == queue) {
                contact.step = Math.min(contact.step, lastStep);
            }
        }
        for (Contact contact : waiting) {
            contact.version++;
            contact.target().waiting[contact.capacityIndex()].add(contact);
            flow.armWaitingTimers(contact);
        }
    }

    private static List<Contact> waitingIn(Queue queue) {
        List<Contact> waiting = new ArrayList<>();
        for (Target target : queue.targets) {
            for (WaitingLine line : target.waiting) {
                line.forEach(waiting::add);
            }
        }
        return waiting;
    }

    static void addTargets(Agent agent, Queue queue) {
        boolean any = false;
        for (Target target : queue.targets) {
            int score = target.config.skills().score(agent.config.skills());
            if (score > 0) {
                agent.targets.add(new Agent.Eligibility(target, score));
                target.eligibleAgents++;
                any = true;
            }
        }
        if (any) {
            agent.queues.add(queue);
        }
        agent.targetsChanged();
    }

    private void recountStaffing(Queue queue) {
        Arrays.fill(queue.staffedSlots, 0);
        for (Agent agent : state.agents) {
            if (agent.presence == Presence.READY && agent.servesQueue(queue)) {
                for (int c = 0; c < CapacityClass.COUNT; c++) {
                    queue.staffedSlots[c] += agent.capacityOf(c);
                }
            }
        }
    }
}
