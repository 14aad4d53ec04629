package org.switchboard.core.model;

/** How a queue chooses among several available qualified agents. */
public enum RoutingStrategy {
    /** The agent idle for the longest time gets the contact: spreads work evenly (the default). */
    LONGEST_IDLE,
    /** The agent with the highest proficiency in the step's skills; ties go to the longest idle. */
    MOST_SKILLED,
    /** Agents take turns per queue: the one this queue served least recently goes first. */
    ROUND_ROBIN
}
