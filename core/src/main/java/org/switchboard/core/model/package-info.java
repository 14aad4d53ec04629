/**
 * The contact center's vocabulary as values: queues and their routing steps, service-level targets and business
 * hours; agents, their skills, presence and capacity per channel; contacts' channels, states and time-ordered ids.
 * Immutable; every constructor rejects what the center cannot route with {@link
 * org.switchboard.core.model.InvalidValueException}.
 */
@NullMarked
package org.switchboard.core.model;

import org.jspecify.annotations.NullMarked;
