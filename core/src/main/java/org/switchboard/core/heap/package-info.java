/**
 * The one priority queue the center uses wherever "who or what comes first" must be answered fast and the same way
 * every run: the routing engine's ready agents and timers, and the simulator's agenda. Entries are primitive
 * triples, so a million of them cost three arrays, not a million objects.
 */
@NullMarked
package org.switchboard.core.heap;

import org.jspecify.annotations.NullMarked;
