/**
 * JDBC implementations of the core's storage ports: the journal of engine inputs with the contact timelines
 * written alongside it, the built-in subscriber registry with the limit on guessing code words, API access tokens
 * (cached in memory for a few seconds), the SIP credentials of agents' phones (as digest HA1 only) and the audit
 * log. {@link org.switchboard.storage.Database} opens a pooled connection to an embedded H2 file (the zero-setup
 * default) or to PostgreSQL (production), applies the Flyway migrations in {@code db/migration}, which run unchanged
 * on both, and hands out the implementations. Commands and events are stored as JSON by
 * {@link org.switchboard.storage.MessageCodec}, keyed by their record names. Every failure of the database surfaces
 * as an unchecked {@link org.switchboard.storage.StorageException}.
 */
@NullMarked
package org.switchboard.storage;

import org.jspecify.annotations.NullMarked;
