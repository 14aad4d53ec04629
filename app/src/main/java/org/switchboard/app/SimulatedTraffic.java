package org.switchboard.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.view.ContactView;
import org.switchboard.planning.ErlangC;
import org.switchboard.planning.Simulator;
import org.switchboard.planning.TrafficGenerator;
import org.switchboard.runtime.ContactCenter;

/**
 * {@code start --simulate}: simulated callers and operators in real time, in the demo's queues (info, tech, remote),
 * so that a newcomer sees queues, waits, abandons and service levels within the first minute. The simulated agents
 * ({@code sim-a1}…, with the demo's skills) are staffed by Erlang C for 80/20 on the configured load, log in one after
 * the other from {@link #SHIFT}'s first login on (callers queue and some hang up until they do), answer after a short
 * ring and take breaks, so the figures keep moving. Real agents and real callers are never touched: the simulated
 * agents take calls only, and a subscriber's call offered to one is rejected by it at once, is not offered to that agent
 * again within a minute, and so reaches a real operator.
 */
final class SimulatedTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTraffic.class);
    private static final double TEN_YEARS_IN_HOURS = 24 * 365 * 10;
    static final String CALLER = "simulated caller";
    /** Logins from 15 s on, one every 4 s; a 2 s ring; about 4 minutes of work between breaks of about 30 s. */
    static final TrafficGenerator.Shift SHIFT = new TrafficGenerator.Shift(15_000, 4_000, 2_000, 240_000, 30_000);
    /**
     * The simulated agents take calls only: the simulated callers call, and a subscriber's message or e-mail (which a
     * queue may connect at once, without an offer to pass on) is never theirs.
     */
    private static final Map<CapacityClass, Integer> CALLS_ONLY = Map.of(CapacityClass.VOICE, 1);
    /** Skill profiles of the simulated agents, in turn: each demo queue is served by several of them. */
    private static final List<Map<String, Integer>> PROFILES = List.of(
            Map.of("info", 7, "remote", 4),
            Map.of("tech", 8, "info", 5),
            Map.of("info", 6, "tech", 4),
            Map.of("remote", 7, "info", 5),
            Map.of("tech", 6));

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "switchboard-simulated-traffic");
        thread.setDaemon(true);
        return thread;
    });

    @SuppressWarnings("FutureReturnValueIgnored") // poll() catches and logs its own failures
    static SimulatedTraffic start(ContactCenter center, Settings settings) {
        defineMissingDemoQueues(center);
        abandonLeftovers(center);
        var traffic = traffic(settings, System.nanoTime(), System.currentTimeMillis());
        center.addListener((events, replay) -> {
            if (!replay) {
                events.forEach(traffic::onEvent);
            }
        });
        traffic.staffing().forEach(command -> center.submit(command).join());
        var simulated = new SimulatedTraffic();
        simulated.timer.scheduleWithFixedDelay(() -> poll(center, traffic), 50, 50, TimeUnit.MILLISECONDS);
        LOG.info("Simulating {}", summary(settings));
        return simulated;
    }

    /** The demo traffic of {@code settings}, starting at {@code startMs}, random numbers from {@code seed}. */
    static TrafficGenerator traffic(Settings settings, long seed, long startMs) {
        List<String> queueIds = Demo.queues().stream().map(QueueConfig::id).toList();
        var config = new Simulator.Config(
                agents(settings).size(),
                settings.simulateArrivalsPerHour(),
                settings.simulateAhtSeconds(),
                20,
                TEN_YEARS_IN_HOURS,
                seed,
                settings.simulatePatienceSeconds(),
                queueIds.size(),
                0);
        return TrafficGenerator.inCenter(config, startMs, queueIds, agents(settings), SHIFT);
    }

    /** The simulated agents: enough for 80 % answered within 20 s of the configured load, by Erlang C. */
    static List<AgentConfig> agents(Settings settings) {
        double wrapUpSeconds = Demo.queues().stream()
                .mapToInt(QueueConfig::wrapUpSeconds)
                .average()
                .orElse(0);
        int count = Math.max(
                PROFILES.size(),
                ErlangC.of(settings.simulateArrivalsPerHour(), settings.simulateAhtSeconds() + wrapUpSeconds)
                        .agentsForServiceLevel(0.8, 20));
        List<AgentConfig> agents = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            agents.add(new AgentConfig(
                    "sim-a" + i, "Simulated agent " + i, PROFILES.get((i - 1) % PROFILES.size()), CALLS_ONLY, true));
        }
        return agents;
    }

    /** One line for the banner and the log: the load, the agents and where to look. */
    static String summary(Settings settings) {
        int agents = agents(settings).size();
        return "%.0f calls/h (talk %.0f s, patience %.0f s) into the demo queues info, tech, remote; %d simulated agents "
                        .formatted(
                                settings.simulateArrivalsPerHour(),
                                settings.simulateAhtSeconds(),
                                settings.simulatePatienceSeconds(),
                                agents)
                + "(sim-a1..sim-a%d) log in from %d s on and take breaks"
                        .formatted(agents, SHIFT.firstLoginMs() / 1000);
    }

    /** A center set up without the demo gets its queues, so that the simulation has somewhere to go. */
    private static void defineMissingDemoQueues(ContactCenter center) {
        for (QueueConfig queue : Demo.queues()) {
            if (center.view().queue(queue.id()).isEmpty()) {
                center.submit(new Command.DefineQueue(queue)).join();
            }
        }
    }

    /** Simulated callers of an earlier run are unknown to this one: they hang up rather than block its agents. */
    private static void abandonLeftovers(ContactCenter center) {
        for (QueueConfig queue : Demo.queues()) {
            List<ContactView> left = center.view().contactsOf(queue.id(), Integer.MAX_VALUE);
            for (ContactView contact : left) {
                if (CALLER.equals(contact.from())
                        && (contact.state() == ContactState.QUEUED || contact.state() == ContactState.SCHEDULED)) {
                    center.submit(new Command.AbandonContact(contact.id(), "simulation restarted"))
                            .join();
                }
            }
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // simulated callers do not wait for their answers
    private static void poll(ContactCenter center, TrafficGenerator traffic) {
        try {
            traffic.poll(System.currentTimeMillis(), center::submit);
        } catch (RuntimeException e) {
            LOG.warn("simulated traffic: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
