/**
 * Contact-center statistics: a projection of the routing engine's events into per-queue and per-agent figures
 * (offered, answered, abandoned, service level, ASA, AHT, longest wait, callbacks) per 15-minute interval, per day
 * and over any span. {@link org.switchboard.core.stats.Statistics} is fed the events, in order, on one thread;
 * readers get immutable {@link org.switchboard.core.stats.IntervalStats} snapshots.
 *
 * <p>Every definition (what counts as answered, which abandons count against the service level, which interval a
 * contact belongs to) is written in {@code docs/metrics.md}; this package implements that page and nothing else.
 * The live wallboard, reports and the planning simulator all read these classes, so a figure means the same thing
 * everywhere.
 */
@NullMarked
package org.switchboard.core.stats;

import org.jspecify.annotations.NullMarked;
