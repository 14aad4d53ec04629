package org.switchboard.core.view;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.switchboard.core.port.Role;

/**
 * Read access to the routing engine's state. Only the thread that owns the engine may call it; others send a
 * query to that thread (see the runtime's {@code ContactCenter.read}). Every answer is an immutable snapshot.
 */
public interface RoutingView {

    /** A live contact; empty once it has ended (its history stays in the journal). */
    Optional<ContactView> contact(UUID contactId);

    Optional<AgentView> agent(String agentId);

    List<AgentView> agents();

    /** The users who are not agents (supervisors, administrators, channels) and their roles, in order of name. */
    Map<String, Role> users();

    Optional<QueueView> queue(String queueId);

    List<QueueView> queues();

    /** Live contacts of one queue in routing order: SCHEDULED ones last. At most {@code limit}. */
    List<ContactView> contactsOf(String queueId, int limit);

    /** The engine's current time, epoch ms. */
    long nowInMs();
}
