package org.switchboard.core.view;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/**
 * A live (non-terminal) contact as the engine sees it at one moment. Immutable.
 *
 * @param position             1-based place among the queue's waiting contacts of the same capacity class, while
 *                             QUEUED; null otherwise
 * @param estimatedWaitSeconds EWT while QUEUED (see docs/metrics.md), null when unknown or not waiting
 * @param agentId              the agent once offered, null before
 * @param step                 the routing step, 0-based
 * @param consultantId         the colleague the agent is consulting about this call (a consultative transfer), or
 *                             null
 */
public record ContactView(
        UUID id,
        @Nullable UUID parentId,
        Channel channel,
        String from,
        @Nullable String subscriberId,
        String queueId,
        int priority,
        Map<String, String> attributes,
        ContactState state,
        @Nullable Integer position,
        @Nullable Long estimatedWaitSeconds,
        @Nullable String agentId,
        int step,
        long createdAtMs,
        long queuedAtMs,
        @Nullable Long dueAtMs,
        @Nullable String consultantId) {}
