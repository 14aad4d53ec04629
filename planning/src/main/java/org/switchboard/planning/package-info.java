/**
 * Workforce planning: how many agents a queue needs and what a staffing plan will deliver.
 *
 * <ul>
 *   <li>{@link org.switchboard.planning.ErlangC} and {@link org.switchboard.planning.ErlangA}: the analytic
 *       models (M/M/n, and M/M/n+M with impatient callers) — probability of waiting, ASA, service level,
 *       abandonment, required agents.</li>
 *   <li>{@link org.switchboard.planning.Simulator}: a what-if run of the real routing engine in virtual time
 *       (Poisson arrivals, exponential handle times and patience), measured by the same
 *       {@link org.switchboard.core.stats.Statistics} projection as the live center.</li>
 *   <li>{@link org.switchboard.planning.TrafficGenerator}: the same simulated callers and agents, paced by a real
 *       clock, to put load on a running server.</li>
 * </ul>
 *
 * <p>Times are seconds in the models and the configuration, milliseconds where they meet the engine. Service
 * levels are fractions (0..1) in this package; the statistics of the core report percent.
 */
@NullMarked
package org.switchboard.planning;

import org.jspecify.annotations.NullMarked;
