package org.switchboard.core.port;

/** A committed change of a subscriber's account: the subscriber before and after. */
public record AccountChange(Subscriber before, Subscriber after) {}
