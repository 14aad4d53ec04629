/**
 * Multi-queue, multi-skill centers on the production routing engine: scenario files (YAML or JSON: queues with their
 * arrival profiles, handle and patience distributions, agent groups with skills and shifts, routing steps, callbacks),
 * their simulation in virtual time with per-interval tallies, and the search for the fewest agents per skill group and
 * interval that keeps every queue's target. See docs/planning.md, "Scenario files: a center the flags cannot describe" and "Multi-skill staffing by simulation".
 */
@NullMarked
package org.switchboard.planning.scenario;

import org.jspecify.annotations.NullMarked;
