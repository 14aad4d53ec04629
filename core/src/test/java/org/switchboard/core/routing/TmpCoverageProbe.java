package org.switchboard.core.routing;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.*;
import net.jqwik.api.lifecycle.AfterContainer;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentStatus;

class TmpCoverageProbe {
    static final Map<String, Integer> counts = new TreeMap<>();

    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void probe(@ForAll("scenarios") RoutingEngineProperties.Scenario s) {
        Simulation sim = s.run();
        counts.merge("RUN.actions", s.actions().size(), Integer::sum);
        counts.merge("RUN.agents", s.agents().size(), Integer::sum);
        counts.merge("RUN.readyAtStart", (int) s.agents().stream().filter(a -> a.startsReady()).count(), Integer::sum);
        for (var a : s.actions()) counts.merge("ACT." + a.getClass().getSimpleName(), 1, Integer::sum);
        for (Event e : sim.events) {
            String k = e.getClass().getSimpleName();
            if (e instanceof Event.ContactEnded c) k += "." + c.state() + "." + c.reason();
            if (e instanceof Event.AgentStatusChanged c) k += "." + c.status();
            if (e instanceof Event.ContactRequeued c) k += "." + c.reason();
            counts.merge(k, 1, Integer::sum);
        }
        // offers while agent in wrap-up
        for (var line : sim.model.live.values()) {
            String k = "END." + line.state;
            if (line.state == org.switchboard.core.model.ContactState.QUEUED) {
                boolean any = false, anyReady = false;
                for (var d : sim.model.agents.values()) {
                    boolean q = sim.model.qualifies(d, line) && d.config.capacityOf(line.capacityClass()) > 0;
                    any |= q; anyReady |= q && d.isReady();
                }
                k += any ? (anyReady ? ".qualifiedReadyBusy" : ".qualifiedNotReady") : ".noQualified";
            }
            counts.merge(k, 1, Integer::sum);
        }
    }

    @Provide Arbitrary<RoutingEngineProperties.Scenario> scenarios() { return new RoutingEngineProperties().scenarios(); }

    @AfterContainer
    static void print() { counts.forEach((k, v) -> System.out.println("COV " + k + " " + v)); }
}
