package org.switchboard.app;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.view.ContactView;
import org.switchboard.planning.ErlangC;
import org.switchboard.planning.Simulator;
import org.switchboard.planning.TrafficGenerator;
import org.switchboard.runtime.ContactCenter;

/**
 * {@code start --simulate}: simulated callers and operators in real time, in their own queue {@code sim-q1}, staffed
 * by Erlang C for an 80/20 service level, so the wallboard and the figures move on a newcomer's first start.
 */
final class SimulatedTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTraffic.class);
    private static final double TEN_YEARS_IN_HOURS = 24 * 365 * 10;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "switchboard-simulated-traffic");
        thread.setDaemon(true);
        return thread;
    });

    static SimulatedTraffic start(ContactCenter center, Settings settings) {
        double aht = settings.simulateAhtSeconds();
        int agents = ErlangC.of(settings.simulateArrivalsPerHour(), aht).agentsForServiceLevel(0.8, 20);
        var config = new Simulator.Config(agents, settings.simulateArrivalsPerHour(), aht, 20, TEN_YEARS_IN_HOURS,
                System.nanoTime(), settings.simulatePatienceSeconds(), 1, 5);
        abandonLeftovers(center, config.queueIds());
        var traffic = new TrafficGenerator(config, System.currentTimeMillis());
        center.addListener((events, replay) -> {
            if (!replay) {
                events.forEach(traffic::onEvent);
            }
        });
        traffic.staffing().forEach(command -> center.submit(command).join());
        var simulated = new SimulatedTraffic();
        simulated.timer.scheduleWithFixedDelay(() -> poll(center, traffic), 50, 50, TimeUnit.MILLISECONDS);
        LOG.info("Simulating {} calls/h (AHT {} s) answered by {} simulated agents in queue {}",
                settings.simulateArrivalsPerHour(), aht, agents, config.queueIds());
        return simulated;
    }

    /** Callers of an earlier run are unknown to this one: they hang up rather than block its agents. */
    private static void abandonLeftovers(ContactCenter center, List<String> queueIds) {
        for (String queueId : queueIds) {
            List<ContactView> left = center.view().contactsOf(queueId, Integer.MAX_VALUE);
            for (ContactView contact : left) {
                if (contact.state() == ContactState.QUEUED || contact.state() == ContactState.SCHEDULED) {
                    center.submit(new Command.AbandonContact(contact.id(), "simulation restarted")).join();
                }
            }
        }
    }

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
