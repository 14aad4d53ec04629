/**
 * Forecasting contacts per queue and interval from history: a day's volume times its weekday's intraday profile,
 * two models of the volume (a calendar regression, exponential smoothing), special days, a prediction interval, and a
 * rolling-origin backtest against the naive baselines planners use. See docs/planning.md.
 */
@NullMarked
package org.switchboard.planning.forecast;

import org.jspecify.annotations.NullMarked;
