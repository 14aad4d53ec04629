/**
 * 24/7 shift schedules from per-interval requirements: shift patterns with breaks placed by rules, a linear program
 * over shift types for the fewest paid hours, rostering onto agents with minimum rest and weekly hours, and the
 * coverage report and chart. See docs/planning.md, "Schedule: shifts that cover the requirement", and docs/decisions/0019.
 */
@NullMarked
package org.switchboard.planning.schedule;

import org.jspecify.annotations.NullMarked;
