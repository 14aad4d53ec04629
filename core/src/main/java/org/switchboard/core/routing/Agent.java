package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Presence;

/** An agent inside the engine. Mutable, owned by the engine thread. */
final class Agent {

    final int index;
    AgentConfig config;
    /** {@link AgentConfig#capacity()} by {@link CapacityClass#ordinal()}, read on every routing decision. */
    final int[] capacity = new int[CapacityClass.COUNT];

    Presence presence = Presence.LOGGED_OUT;
    /** Why the agent is NOT_READY; null otherwise. */
    @Nullable
    String reason;

    AgentStatus status = AgentStatus.LOGGED_OUT;
    long statusSinceMs;
    /** When the agent last became free of work or ready: the "idle since" of longest-idle routing. */
    long idleSinceMs;

    final int[] load = new int[CapacityClass.COUNT];
    /**
     * The call a colleague is consulting this agent about; null when none. It counts as a call the agent holds: the
     * agent's voice slot is kept for it.
     */
    @Nullable
    Contact consultation;

    final List<Contact> contacts = new ArrayList<>(2);
    /** The routing targets (queue steps) whose skill expression this agent satisfies, grouped by queue. */
    final List<Eligibility> targets = new ArrayList<>();
    /** The distinct queues of {@link #targets}. */
    final List<Queue> queues = new ArrayList<>();
    /** Per capacity class, the waiting lines of {@link #targets}: the matcher's inner loop, kept flat. */
    private WaitingLine @Nullable [][] lines;
    /**
     * Bumped whenever availability or idle time changes; entries in ready heaps carry the stamp they were
     * pushed with, and an entry with an older stamp is stale.
     */
    int stamp;

    Agent(int index, AgentConfig config) {
        this.index = index;
        configure(config);
    }

    void configure(AgentConfig newConfig) {
        this.config = newConfig;
        for (CapacityClass c : CapacityClass.values()) {
            capacity[c.ordinal()] = newConfig.capacityOf(c);
        }
    }

    /** Whether the agent may receive one more contact of this capacity class now. */
    boolean canTake(int capacityIndex) {
        return canTake(capacityIndex, null);
    }

    /**
     * Whether the agent may receive one more contact of this capacity class now, a consultation about
     * {@code consultedOn} not counted (the call a consultation hands over takes the slot the consultation kept).
     */
    boolean canTake(int capacityIndex, @Nullable Contact consultedOn) {
        int voice = CapacityClass.VOICE.ordinal();
        boolean consulting = consultation != null && consultation != consultedOn;
        int held = load[capacityIndex] + (consulting && capacityIndex == voice ? 1 : 0);
        if (presence != Presence.READY || held >= capacity[capacityIndex]) {
            return false;
        }
        if (!config.voiceExclusive()) {
            return true;
        }
        return !consulting && (capacityIndex == voice ? contacts.isEmpty() : load[voice] == 0);
    }

    /** The calls this agent holds or is consulted about: its voice load with a consultation counted as a call. */
    int voiceLoad() {
        return load[CapacityClass.VOICE.ordinal()] + (consultation == null ? 0 : 1);
    }

    boolean canTakeAnything() {
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            if (canTake(c)) {
                return true;
            }
        }
        return false;
    }

    int capacityOf(int capacityIndex) {
        return capacity[capacityIndex];
    }

    /** The waiting lines this agent may take contacts of class {@code capacityIndex} from. */
    WaitingLine[] linesOf(int capacityIndex) {
        if (lines == null) {
            lines = new WaitingLine[CapacityClass.COUNT][];
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                lines[c] = new WaitingLine[targets.size()];
                for (int t = 0; t < targets.size(); t++) {
                    lines[c][t] = targets.get(t).target().waiting[c];
                }
            }
        }
        return lines[capacityIndex];
    }

    /** Call after {@link #targets} changed. */
    void targetsChanged() {
        lines = null;
    }

    boolean servesQueue(Queue queue) {
        return queues.contains(queue);
    }

    /** A target this agent may serve, with its proficiency score there (for most-skilled routing). */
    record Eligibility(Target target, int score) {}

    /** Adds ({@code on}) or removes a READY agent's capacity from the staffing of the queues it serves. */
    void setStaffed(boolean on) {
        if (presence != Presence.READY) {
            return;
        }
        int sign = on ? 1 : -1;
        for (Queue queue : queues) {
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                queue.staffedSlots[c] += sign * capacity[c];
            }
        }
    }

    int connectedCount() {
        int n = 0;
        for (Contact contact : contacts) {
            if (contact.state == org.switchboard.core.model.ContactState.CONNECTED) {
                n++;
            }
        }
        return n;
    }
}
