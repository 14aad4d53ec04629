/**
 * Time as the center sees it: an injected {@link org.switchboard.core.time.Clock} (the system's in production, a
 * manual one in tests and the simulator), so that every decision can be replayed at the time it was made.
 */
@NullMarked
package org.switchboard.core.time;

import org.jspecify.annotations.NullMarked;
