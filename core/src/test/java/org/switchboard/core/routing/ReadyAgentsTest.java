package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Presence;

/** The ready-agent heap: best first by (primary, secondary, agent index), stale entries dropped lazily. */
class ReadyAgentsTest {

    private static final int VOICE = CapacityClass.VOICE.ordinal();

    private final List<Agent> agents = agents(40);
    private final ReadyAgents heap = new ReadyAgents();

    @Test
    void pollsTheLowestPrimaryKeyFirst() {
        heap.push(30, 0, agents.get(0));
        heap.push(10, 0, agents.get(1));
        heap.push(20, 0, agents.get(2));

        assertThat(pollAll()).containsExactly(1, 2, 0);
    }

    @Test
    void breaksPrimaryTiesBySecondaryKeyThenAgentIndex() {
        heap.push(5, 9, agents.get(0));
        heap.push(5, 1, agents.get(3));
        heap.push(5, 1, agents.get(2));
        heap.push(4, 99, agents.get(1));

        assertThat(pollAll()).containsExactly(1, 2, 3, 0);
    }

    @Test
    void returnsNothingWhenEmpty() {
        assertThat(heap.pollAvailable(agents, VOICE)).isNull();
    }

    @Test
    void dropsAStaleEntryWhenItReachesTheTop() {
        heap.push(1, 0, agents.get(0));
        heap.push(2, 0, agents.get(1));
        agents.get(0).stamp++;

        assertThat(heap.pollAvailable(agents, VOICE)).isSameAs(agents.get(1));
        assertThat(heap.size()).isZero();
    }

    @Test
    void skipsAnAgentThatCannotTakeTheCapacityClass() {
        heap.push(1, 0, agents.get(0));
        heap.push(2, 0, agents.get(1));
        agents.get(0).load[VOICE] = 1;

        assertThat(heap.pollAvailable(agents, VOICE)).isSameAs(agents.get(1));
    }

    @Test
    void anAgentPushedAgainIsFoundByItsNewestEntryOnly() {
        Agent agent = agents.get(0);
        heap.push(1, 0, agent);
        agent.stamp++;
        heap.push(7, 0, agent);
        heap.push(5, 0, agents.get(1));

        assertThat(pollAll()).containsExactly(1, 0);
    }

    @Test
    void compactionDropsStaleEntriesAndKeepsLiveOnesInOrder() {
        for (int i = 0; i < 30; i++) {
            heap.push(i, 0, agents.get(i));
        }
        for (int i = 0; i < 27; i++) {
            agents.get(i).stamp++;
        }

        heap.compactIfBloated(agents, 3);

        assertThat(heap.size()).isEqualTo(3);
        assertThat(pollAll()).containsExactly(27, 28, 29);
    }

    @Test
    void compactionWaitsUntilStaleEntriesOutnumberLiveOnes() {
        for (int i = 0; i < 20; i++) {
            heap.push(i, 0, agents.get(i));
            agents.get(i).stamp++;
        }

        heap.compactIfBloated(agents, 2);

        assertThat(heap.size()).as("20 <= 2 × 2 + 16: not bloated yet").isEqualTo(20);
    }

    @Test
    void growsPastItsInitialCapacity() {
        for (int i = 39; i >= 0; i--) {
            heap.push(i % 7, i, agents.get(i));
        }

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i);
        }
        expected.sort(Comparator.<Integer>comparingInt(i -> i % 7).thenComparingInt(i -> i));
        assertThat(pollAll()).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- against a naive model

    /** One heap operation: push agent {@code agent} with keys, bump its stamp, poll, block it, or compact. */
    record Op(int kind, int agent, int primary, int secondary) {}

    record Entry(long primary, long secondary, int agent, int stamp) {}

    @Property(tries = 300)
    void behavesLikeASortedListOfFreshEntries(@ForAll("ops") List<Op> ops) {
        List<Agent> pool = agents(8);
        ReadyAgents real = new ReadyAgents();
        List<Entry> naive = new ArrayList<>();
        for (Op op : ops) {
            Agent agent = pool.get(op.agent());
            switch (op.kind()) {
                case 0, 1, 2 -> {
                    real.push(op.primary(), op.secondary(), agent);
                    naive.add(new Entry(op.primary(), op.secondary(), agent.index, agent.stamp));
                }
                case 3 -> agent.stamp++;
                case 4 -> agent.load[VOICE] = 1 - agent.load[VOICE];
                case 5 -> {
                    int before = real.size();
                    real.compactIfBloated(pool, 1);
                    naive.removeIf(e -> !isFresh(e, pool));
                    assertThat(real.size()).isEqualTo(before > 2 + 16 ? naive.size() : before);
                }
                default -> assertThat(real.pollAvailable(pool, VOICE)).isSameAs(naivePoll(naive, pool));
            }
            assertThat(real.size()).as("no fresh entry is lost").isGreaterThanOrEqualTo((int)
                    naive.stream().filter(e -> isFresh(e, pool)).count());
        }
    }

    /**
     * Ties between a stale and a fresh entry of one agent pop in either order, so the stale entries left behind
     * may differ; what is polled may not.
     */
    private static boolean isFresh(Entry entry, List<Agent> pool) {
        return pool.get(entry.agent()).stamp == entry.stamp();
    }

    private static Agent naivePoll(List<Entry> entries, List<Agent> pool) {
        entries.sort(Comparator.comparingLong(Entry::primary)
                .thenComparingLong(Entry::secondary)
                .thenComparingInt(Entry::agent));
        while (!entries.isEmpty()) {
            Entry top = entries.removeFirst();
            Agent agent = pool.get(top.agent());
            if (agent.stamp == top.stamp() && agent.canTake(VOICE)) {
                return agent;
            }
        }
        return null;
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 3))
                .as(Op::new)
                .list()
                .ofMaxSize(200);
    }

    // ---------------------------------------------------------------- helpers

    private List<Integer> pollAll() {
        List<Integer> polled = new ArrayList<>();
        for (Agent agent = heap.pollAvailable(agents, VOICE);
                agent != null;
                agent = heap.pollAvailable(agents, VOICE)) {
            polled.add(agent.index);
        }
        return polled;
    }

    private static List<Agent> agents(int count) {
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Agent agent = new Agent(i, AgentConfig.of("a" + i, null, Map.of("info", 5)));
            agent.presence = Presence.READY;
            agents.add(agent);
        }
        return agents;
    }
}
