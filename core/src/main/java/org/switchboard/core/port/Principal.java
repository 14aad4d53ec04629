package org.switchboard.core.port;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling the API.
 *
 * @param name    login name, unique
 * @param role    what it may do
 * @param agentId the agent it acts as, for {@link Role#AGENT}; null otherwise
 */
public record Principal(String name, Role role, @Nullable String agentId) {

    public Principal {
        if ((role == Role.AGENT) != (agentId != null)) {
            throw new IllegalArgumentException("an agent's principal names its agent, and only an agent's does: " + name
                    + " is " + role + " with agent " + agentId);
        }
    }

    /** A principal who acts for no agent: staff, a channel, the portal's reader. */
    public static Principal notAnAgent(String name, Role role) {
        return new Principal(name, role, null);
    }

    /** The agent this {@link Role#AGENT} principal acts as; for any other role a defect of the caller's. */
    public String agent() {
        if (agentId == null) {
            throw new IllegalStateException(name + " is " + role + ", not an agent");
        }
        return agentId;
    }
}
