package org.switchboard.core.message;

/** What a definition (of a queue, agent or user) does when one with the same id or name exists, or does not. */
public enum DefinitionMode {
    /** Creates it; refused with CONFLICT when it exists. */
    CREATE,
    /** Replaces it; refused with NOT_FOUND when it does not exist. */
    REPLACE,
    /** Creates or replaces: what journals written before modes existed meant. */
    UPSERT
}
