package org.switchboard.planning;

import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Planning.Targets;

/**
 * The fewest agents that meet every target of a {@link Targets}, by Erlang C (patient callers) or Erlang A
 * (with a mean patience), and what they deliver. Every figure improves with each agent added, so the answer is found
 * by doubling up to a staffing that meets the targets, then halving the range down to the fewest that still does.
 *
 * @param agents          the fewest agents on the phones meeting every target (0 when nobody calls)
 * @param scheduledAgents agents to schedule so that {@code agents} are available after shrinkage
 * @param serviceLevel    as the center measures it: answered within the threshold over the offered less abandons under
 *                        5 s, 0..1
 * @param probWait        share of callers who find every agent busy
 * @param asaSeconds      average speed of answer of the answered callers
 * @param occupancy       share of agent time busy
 * @param probAbandon     share of callers who hang up before an answer, or null for patient callers
 */
public record Staffing(
        int agents,
        int scheduledAgents,
        double serviceLevel,
        double probWait,
        double asaSeconds,
        double occupancy,
        @Nullable Double probAbandon) {

    /** No staffing this large is searched: a goal that needs more is refused. */
    public static final int MOST_AGENTS = 1_000_000;

    /** The fewest agents meeting {@code goal}. */
    public static Staffing of(Targets goal) {
        if (goal.arrivalsPerHour() == 0) {
            return new Staffing(0, 0, 1, 0, 0, 0, goal.patienceSeconds() == null ? null : 0.0);
        }
        if (goal.load() >= MOST_AGENTS) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "this traffic is %.0f Erlangs of work: more than the %d agents a staffing is searched for",
                    goal.load(),
                    MOST_AGENTS));
        }
        int lowest = goal.patienceSeconds() == null ? (int) Math.floor(goal.load()) + 1 : 1;
        int meets = lowest;
        Staffing figures = figures(goal, meets);
        while (!meetsTargets(goal, figures)) {
            if (meets >= MOST_AGENTS) {
                throw new IllegalArgumentException(
                        "no staffing up to " + MOST_AGENTS + " agents meets these targets for this traffic");
            }
            lowest = meets + 1;
            meets = (int) Math.min(MOST_AGENTS, 2L * meets);
            figures = figures(goal, meets);
        }
        while (lowest < meets) {
            Stopping.check();
            int middle = lowest + (meets - lowest) / 2;
            Staffing tried = figures(goal, middle);
            if (meetsTargets(goal, tried)) {
                meets = middle;
                figures = tried;
            } else {
                lowest = middle + 1;
            }
        }
        return figures;
    }

    /** What {@code agents} agents deliver for the goal's traffic. */
    public static Staffing figures(Targets goal, int agents) {
        int scheduled = (int) Math.ceil(agents / (1 - goal.shrinkage()) - 1e-9);
        if (goal.patienceSeconds() == null) {
            ErlangC.Prediction c =
                    ErlangC.of(goal.arrivalsPerHour(), goal.ahtSeconds()).predict(agents, goal.slSeconds());
            return new Staffing(
                    agents, scheduled, c.serviceLevel(), c.probabilityOfWaiting(), c.asaSeconds(), c.occupancy(), null);
        }
        ErlangA model = ErlangA.of(goal.arrivalsPerHour(), goal.ahtSeconds(), goal.patienceSeconds());
        ErlangA.Prediction a = model.predict(agents);
        return new Staffing(
                agents,
                scheduled,
                model.serviceLevel(agents, goal.slSeconds()),
                a.probabilityOfWaiting(),
                a.asaSeconds(),
                a.occupancy(),
                a.probabilityOfAbandoning());
    }

    private static boolean meetsTargets(Targets goal, Staffing figures) {
        return (goal.serviceLevel() == null || figures.serviceLevel >= goal.serviceLevel())
                && (goal.asaSeconds() == null || figures.asaSeconds <= goal.asaSeconds())
                && (goal.maxOccupancy() == null || figures.occupancy <= goal.maxOccupancy())
                && (goal.maxAbandon() == null
                        || (figures.probAbandon != null && figures.probAbandon <= goal.maxAbandon()));
    }

    /** One JSON object: {@code agents}, the figures, {@code probAbandon} with patience, {@code scheduledAgents} with shrinkage. */
    public String toJson(Targets goal) {
        Json json = new Json()
                .field("agents", agents)
                .field("serviceLevel", serviceLevel)
                .field("probWait", probWait)
                .field("asaSeconds", asaSeconds)
                .field("occupancy", occupancy);
        if (probAbandon != null) {
            json.field("probAbandon", probAbandon);
        }
        if (goal.shrinkage() > 0) {
            json.field("scheduledAgents", scheduledAgents);
        }
        return json.toString();
    }
}
