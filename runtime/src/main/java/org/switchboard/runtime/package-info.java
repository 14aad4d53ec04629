/**
 * The running center: the routing loop thread that owns the engine, the bounded inbox in front of it, and the
 * journal writer that makes every accepted command durable (group commit) before it is acknowledged.
 */
@NullMarked
package org.switchboard.runtime;

import org.jspecify.annotations.NullMarked;
