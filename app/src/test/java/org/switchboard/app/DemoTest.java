package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;

/** What the README's walkthrough relies on in the demo center. */
class DemoTest {

    @Test
    void antonTheReadmesOperatorServesInfoButNoStepOfTech() {
        Map<String, Integer> anton = Demo.agents().stream()
                .filter(a -> a.id().equals("anton"))
                .findFirst()
                .map(AgentConfig::skills)
                .orElseThrow();

        assertThat(queue("info").steps()).anyMatch(step -> step.skills().matches(anton));
        assertThat(queue("tech").steps()).noneMatch(step -> step.skills().matches(anton));
    }

    @Test
    void theWalkthroughsTimersAreTheOnesItNames() {
        assertThat(queue("info").offerTimeoutSeconds()).isEqualTo(15);
        assertThat(queue("info").wrapUpSeconds()).isEqualTo(10);
    }

    @Test
    void someoneStillHelpsTechOutInItsLastStep() {
        var lastStep = queue("tech").steps().getLast().skills();

        assertThat(Demo.agents())
                .filteredOn(a -> !a.skills().containsKey("tech"))
                .anyMatch(a -> lastStep.matches(a.skills()));
    }

    private static QueueConfig queue(String id) {
        return Demo.queues().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
    }
}
