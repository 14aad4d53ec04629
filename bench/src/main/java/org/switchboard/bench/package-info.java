/**
 * Benchmarks and load tools, never part of the test suite: JMH benchmarks of the engine, the journal's append rate,
 * memory per waiting contact, a simulated day, HTTP load (with readers, for reads while writing) and API fuzzing
 * against a started server. Commands and results are in docs/benchmarks.md.
 */
package org.switchboard.bench;
