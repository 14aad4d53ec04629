package org.switchboard.core.port;

/** What a caller of the API may do. */
public enum Role {
    /** Everything, including configuration and users. */
    ADMIN,
    /** Watches and steers: any agent's state, any contact, reports. */
    SUPERVISOR,
    /** An operator: its own state and its own contacts, subscriber cards after code-word checks. */
    AGENT,
    /** A channel adapter (voice, SMS, mail, portal): registers contacts and reports what subscribers do. */
    CHANNEL,
    /** A workforce planner: forecasts and staffing; no contact, no subscriber, no live event. */
    PLANNER
}
