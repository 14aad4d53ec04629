package org.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueueConfigTest {

    private static final SkillExpression INFO = SkillExpression.parse("info");

    @Test
    void simpleQueueHasOneStepAndTheDefaults() {
        QueueConfig queue = QueueConfig.simple("info", "", List.of("info", "tariffs"));

        assertThat(queue.name()).isEqualTo("info");
        assertThat(queue.steps()).containsExactly(RoutingStep.of(SkillExpression.parse("info & tariffs"), 0));
        assertThat(queue.strategy()).isEqualTo(RoutingStrategy.LONGEST_IDLE);
        assertThat(queue.serviceLevel()).isEqualTo(ServiceLevelTarget.DEFAULT);
        assertThat(queue.plannedAhtSeconds()).isEqualTo(90);
    }

    @Test
    void everyStepButTheLastNeedsATimeout() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> queue(List.of(RoutingStep.of(INFO, 0), RoutingStep.of(INFO, 0)), 15));
    }

    @Test
    void aQueueNeedsAStep() {
        assertThatIllegalArgumentException().isThrownBy(() -> queue(List.of(), 15));
    }

    @Test
    void offersNeedATimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> queue(List.of(RoutingStep.of(INFO, 0)), 0));
    }

    @Test
    void overflowNeedsAStepTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingStep(INFO, 0, "backup"));
    }

    @Test
    void idsAreCheckedAtTheBoundary() {
        assertThatIllegalArgumentException().isThrownBy(() -> QueueConfig.simple("bad id", null, List.of("info")));
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingStep(INFO, 10, "bad/queue"));
    }

    @Test
    void serviceLevelMustBeAchievable() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceLevelTarget(20, 101, 30));
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceLevelTarget(0, 80, 30));
    }

    private static QueueConfig queue(List<RoutingStep> steps, int offerTimeoutSeconds) {
        return new QueueConfig("info", null, steps, null, null, 0, offerTimeoutSeconds, 0, 90);
    }
}
