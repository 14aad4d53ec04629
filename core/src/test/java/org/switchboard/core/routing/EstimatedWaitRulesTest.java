package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.CapacityClass;

/**
 * What the engine tells a waiting contact about its wait, learned from how its queue's line moves (see
 * docs/metrics.md, "Estimated wait time").
 */
class EstimatedWaitRulesTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void theEstimateLearnsHowFastTheLineIsServed() {
        Line line = new Line(f, 300); // planned 300 s a call, but the agent takes the next one every 60 s
        for (int minute = 0; minute < 1_000; minute++) {
            f.after(60);
            line.serveNext();
            line.join();
        }

        UUID third = f.arrive("info");

        assertThat(f.position(third)).isEqualTo(3);
        assertThat(queuedEstimateOf(third)).as("3 places × 60 s").isCloseTo(180L, within(2L));
        assertThat(f.queueView("info").estimatedWaitSeconds())
                .as("the wallboard: the next caller, 4th")
                .isCloseTo(240L, within(3L));
    }

    /** A newcomer found the wallboard saying 81 s for the next caller while an operator sat READY with nothing to do. */
    @Test
    void theNextCallerWaitsNothingWhileAnOperatorIsFree() {
        Line line = new Line(f, 300);
        for (int minute = 0; minute < 100; minute++) {
            f.after(60);
            line.serveNext();
            line.join();
        }
        assertThat(f.queueView("info").estimatedWaitSeconds())
                .as("a line, the agent busy")
                .isPositive();
        assertThat(f.engine.queueRecord("info").orElseThrow().waitEstimate().secondsAt(1, CapacityClass.VOICE))
                .isPositive();

        line.drain(); // served to the end: the agent is free and nobody waits

        assertThat(f.queueView("info").estimatedWaitSeconds()).isZero();
        assertThat(f.engine.queueRecord("info").orElseThrow().waitEstimate().secondsAt(1, CapacityClass.VOICE))
                .as("the published read model says the same")
                .isZero();
        assertThat(f.engine.queueRecord("info").orElseThrow().waitEstimate().secondsAt(2, CapacityClass.VOICE))
                .as("one caller more would wait")
                .isPositive();
    }

    @Test
    void callersWhoHangUpAheadBringTheTurnOfThoseWhoStayCloser() {
        Line line = new Line(f, 300);
        for (int minute = 0; minute < 1_000; minute++) {
            f.after(30);
            line.abandonLast();
            line.join();
            f.after(30);
            line.serveNext();
            line.join();
        }

        UUID third = f.arrive("info");

        // served once a minute (r = 1/60 s), two waiting and one of them hangs up a minute (θ = 1/120 s):
        // Σ 1 / (r + jθ) for j = 1..3 = 40 + 30 + 24 s, where 3 × 60 = 180 s would ignore the hang-ups
        assertThat(queuedEstimateOf(third)).isCloseTo(94L, within(2L));
    }

    @Test
    void lookingAtTheEstimateChangesNothing() {
        EngineFixture watched = new EngineFixture();

        busyHour(f, fixture -> {});
        busyHour(watched, fixture -> {
            fixture.queueView("info");
            fixture.line("info").forEach(fixture::contact);
        });

        assertThat(watched.events).isEqualTo(f.events);
    }

    private long queuedEstimateOf(UUID contactId) {
        return f.events.stream()
                .filter(Event.ContactQueued.class::isInstance)
                .map(Event.ContactQueued.class::cast)
                .filter(e -> e.contactId().equals(contactId))
                .reduce((a, b) -> b)
                .orElseThrow()
                .estimatedWaitSeconds();
    }

    /** Calls come and go on one agent; {@code look} runs after every step. */
    private static void busyHour(EngineFixture fixture, Consumer<EngineFixture> look) {
        Line line = new Line(fixture, 120);
        for (int i = 0; i < 120; i++) {
            fixture.after(15 + i % 7);
            switch (i % 3) {
                case 0 -> line.serveNext();
                case 1 -> line.abandonLast();
                default -> line.join();
            }
            line.join();
            look.accept(fixture);
        }
    }

    /** Queue "info" with one agent talking and two contacts waiting behind it. */
    private static final class Line {

        private final EngineFixture f;
        private final Deque<UUID> waiting = new ArrayDeque<>();
        private UUID talking;

        Line(EngineFixture f, int plannedAhtSeconds) {
            this.f = f;
            f.queue("info").aht(plannedAhtSeconds).skills("info");
            f.agent("a1").skill("info", 5).ready();
            talking = f.arrive("info");
            f.accept(talking, "a1");
            join();
            join();
        }

        void join() {
            waiting.addLast(f.arrive("info"));
        }

        void serveNext() {
            f.complete(talking, "a1");
            talking = waiting.removeFirst();
            f.accept(talking, "a1");
        }

        /** Serves everyone waiting, then ends the last conversation: the agent is free. */
        void drain() {
            while (!waiting.isEmpty()) {
                f.after(60);
                serveNext();
            }
            f.complete(talking, "a1");
        }

        void abandonLast() {
            f.abandon(waiting.removeLast());
        }
    }
}
