/**
 * The routing engine: the single-writer heart of the center. {@link org.switchboard.core.routing.RoutingEngine}
 * applies commands and timers at an injected time, deterministically, and emits events; its parts keep the
 * definitions, the agents' desk, the contacts' lifecycle, the matching of contacts to agents under a
 * {@link org.switchboard.core.routing.RoutingPolicy}, the timers, the idempotency memory and the wait estimators.
 * {@link org.switchboard.core.routing.EngineSnapshot} writes and reads its whole state (docs/decisions/0011).
 * Not thread-safe: one thread owns an engine.
 */
@NullMarked
package org.switchboard.core.routing;

import org.jspecify.annotations.NullMarked;
