/**
 * The application: the {@code switchboard} command line (start, stop, simulate, train), its settings from file,
 * environment and options, and the wiring of a running server — database, contact center with its projections and
 * snapshots, web server, housekeeping, demo data and simulated traffic.
 */
@NullMarked
package org.switchboard.app;

import org.jspecify.annotations.NullMarked;
