package org.switchboard.core.model;

/** What an agent does to a connected call from the desk; the voice channel acts on it. */
public enum CallControl {
    /** The caller hears music on hold and nothing of the agent; the agent hears nothing of the caller. */
    HOLD,
    /** Back from hold: both hear each other again. */
    RESUME,
    /** The caller stops hearing the agent; the agent still hears the caller. */
    MUTE,
    /** The caller hears the agent again. */
    UNMUTE
}
