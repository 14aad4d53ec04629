/**
 * The launch-day playbook: a forecast day times an uplift, staffed and simulated interval by interval on the
 * production engine with callers' patience, then the callback threshold and extra agents that keep the ASA target,
 * with its one-page HTML report. See docs/planning.md, "Launch day: staffed, simulated, and kept within the ASA every half hour".
 */
@NullMarked
package org.switchboard.planning.launch;

import org.jspecify.annotations.NullMarked;
