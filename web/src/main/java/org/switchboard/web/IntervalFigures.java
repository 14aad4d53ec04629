package org.switchboard.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.switchboard.core.stats.IntervalStats;

/**
 * How the API shows the figures of one period (a 15-minute interval, a day) in {@code intervals} and {@code today} of
 * the stats endpoints: the schema {@code IntervalFigures} of {@code /api/openapi.json}, the terms of docs/metrics.md.
 * Times are UTC instants; averages are null when nothing was counted. A {@link StatisticsSource} builds its
 * {@link StatisticsSource.QueueStatistics} with it.
 */
public final class IntervalFigures {

    private IntervalFigures() {}

    /** The figures of {@code s} as a JSON object, in the document's order. */
    public static Map<String, Object> of(IntervalStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", Instant.ofEpochMilli(s.startMs()).toString());
        m.put("end", Instant.ofEpochMilli(s.endMs()).toString());
        m.put("offered", s.offered());
        m.put("handled", s.handled());
        m.put("answered", s.answered());
        m.put("answeredWithinThreshold", s.answeredWithinThreshold());
        m.put("abandoned", s.abandoned());
        m.put("shortAbandoned", s.shortAbandoned());
        m.put("serviceLevelPercent", s.serviceLevelPercent());
        m.put("asaSeconds", s.averageSpeedOfAnswerSeconds());
        m.put("ahtSeconds", s.averageHandleSeconds());
        m.put("averageWrapUpSeconds", s.averageWrapUpSeconds());
        m.put("longestWaitSeconds", s.longestWaitSeconds());
        m.put("transferred", s.transferred());
        m.put("callbacksRequested", s.callbacksRequested());
        m.put("callbacksCompleted", s.callbacksCompleted());
        return m;
    }
}
