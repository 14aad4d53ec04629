package org.switchboard.core.routing;

import org.switchboard.core.model.RoutingStrategy;

/**
 * How a queue orders the agents available to it: each policy turns an agent into the two keys of the ready heap
 * ({@link ReadyAgents}), lowest first. One object per {@link RoutingStrategy}; production, tests, benchmarks and
 * the simulator all route through these.
 */
sealed interface RoutingPolicy {

    /** Puts {@code agent}, whose proficiency score at the target is {@code score}, into {@code ready}. */
    void advertise(ReadyAgents ready, Agent agent, int score, Queue queue);

    static RoutingPolicy of(RoutingStrategy strategy) {
        return switch (strategy) {
            case LONGEST_IDLE -> LongestIdle.INSTANCE;
            case MOST_SKILLED -> MostSkilled.INSTANCE;
            case ROUND_ROBIN -> RoundRobin.INSTANCE;
        };
    }

    /** The agent idle for the longest time first: spreads work evenly. */
    final class LongestIdle implements RoutingPolicy {
        static final LongestIdle INSTANCE = new LongestIdle();

        @Override
        public void advertise(ReadyAgents ready, Agent agent, int score, Queue queue) {
            ready.push(agent.idleSinceMs, 0, agent);
        }
    }

    /** The highest proficiency in the step's skills first; ties to the longest idle. */
    final class MostSkilled implements RoutingPolicy {
        static final MostSkilled INSTANCE = new MostSkilled();

        @Override
        public void advertise(ReadyAgents ready, Agent agent, int score, Queue queue) {
            ready.push(-score, agent.idleSinceMs, agent);
        }
    }

    /** The agent this queue served least recently first; ties to the longest idle. */
    final class RoundRobin implements RoutingPolicy {
        static final RoundRobin INSTANCE = new RoundRobin();

        @Override
        public void advertise(ReadyAgents ready, Agent agent, int score, Queue queue) {
            ready.push(queue.lastOfferTo(agent), agent.idleSinceMs, agent);
        }
    }
}
