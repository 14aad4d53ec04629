package org.switchboard.core.port;

/**
 * Who is calling the API.
 *
 * @param name    login name, unique
 * @param role    what it may do
 * @param agentId the agent it acts as, for {@link Role#AGENT}; null otherwise
 */
public record Principal(String name, Role role, String agentId) {}
