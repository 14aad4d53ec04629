/**
 * What goes into the routing engine and what comes out of it: {@link org.switchboard.core.message.Command}s (each
 * validated completely when built), the {@link org.switchboard.core.message.Event}s an accepted command or a timer
 * produces, and the {@link org.switchboard.core.message.Outcome} the caller gets (accepted with the contact's status,
 * a remembered repeat, or a {@link org.switchboard.core.message.Rejection} with a code). Plain immutable records; the
 * journal stores commands under stable names (docs/decisions/0007).
 */
@NullMarked
package org.switchboard.core.message;

import org.jspecify.annotations.NullMarked;
