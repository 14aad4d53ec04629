/**
 * Replaying a real call log through the production routing engine in virtual time: each call keeps its arrival and
 * handle time, patience is estimated from the whole log with censoring (Kaplan–Meier), and the replay is reported
 * beside the log itself, with what-ifs on staffing, callbacks and routing steps. See docs/planning.md, "Replay: real history through the production engine".
 */
@NullMarked
package org.switchboard.planning.replay;

import org.jspecify.annotations.NullMarked;
