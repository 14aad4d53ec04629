package org.switchboard.core.view;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;

/**
 * An agent at one moment. Immutable.
 *
 * @param reason          why NOT_READY, else null
 * @param statusSinceMs   when the displayed status last changed
 * @param voiceExclusive  whether a call takes the whole agent (no texts or e-mails meanwhile)
 * @param load            contacts held per capacity class
 * @param contacts        ids of the contacts offered to, connected to or wrapped up by this agent
 * @param queues          ids of the queues whose routing steps this agent's skills satisfy
 * @param consultedOn     the call a colleague is consulting this agent about (its phone rings or talks), or null
 * @param consultedBy     that colleague, or null
 */
public record AgentView(
        String id,
        String name,
        Map<String, Integer> skills,
        Map<CapacityClass, Integer> capacity,
        boolean voiceExclusive,
        AgentStatus status,
        @Nullable String reason,
        long statusSinceMs,
        Map<CapacityClass, Integer> load,
        List<UUID> contacts,
        List<String> queues,
        @Nullable UUID consultedOn,
        @Nullable String consultedBy) {

    /**
     * Whether the engine would offer this agent a contact of {@code capacityClass} now (the rule of routing, read on
     * this view): ready (wrap-up of another contact included), a free slot of the class, and, for a voice-exclusive
     * agent, a call only with nothing else held and nothing else during a call.
     */
    public boolean canTake(CapacityClass capacityClass) {
        boolean ready = status == AgentStatus.READY || status == AgentStatus.WRAP_UP;
        if (!ready || load.getOrDefault(capacityClass, 0) >= capacity.getOrDefault(capacityClass, 0)) {
            return false;
        }
        if (!voiceExclusive) {
            return true;
        }
        return capacityClass == CapacityClass.VOICE
                ? contacts.isEmpty()
                : load.getOrDefault(CapacityClass.VOICE, 0) == 0;
    }
}
