package org.switchboard.planning.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SkillStaffingTest {

    private static final Scenario EXAMPLE =
            ScenarioFile.load(Path.of("..", "docs", "examples", "scenario.yaml"), ZoneOffset.UTC);

    @Test
    void theExampleCentersStaffingKeepsEveryTargetAndEveryAgentIsNeededOnTheDaysJudged() {
        ScenarioResult asGiven = ScenarioRun.run(EXAMPLE);
        assertThat(asGiven.misses())
                .as("the example's own staffing misses targets")
                .isPositive();

        SkillStaffing.Result found = SkillStaffing.searchAndCheck(EXAMPLE, EXAMPLE.seed(), 1, 2);

        assertThat(found.simulated().misses()).isZero();
        assertThat(ScenarioRun.run(found.staffed()).toJson())
                .as("the result is what its staffing gives when run again")
                .isEqualTo(found.simulated().toJson());
        SkillStaffing.Check check = found.check();
        assertThat(check).isNotNull();
        assertThat(check.baseMisses()).isZero();
        assertThat(check.unjudged()).isZero();
        assertThat(check.tried()).isPositive();
        assertThat(check.broke())
                .as("removals that break a target, with the search's own callers: all of them")
                .isEqualTo(check.tried());
    }

    @Test
    void theSearchIsReproducibleAndItsThreadsDoNotChangeTheAnswer() {
        SkillStaffing.Result one = SkillStaffing.search(EXAMPLE, 2, 1);
        SkillStaffing.Result two = SkillStaffing.search(EXAMPLE, 2, 2);

        assertThat(two.staffed().agents()).isDeepEqualTo(one.staffed().agents());
        assertThat(two.simulations()).isEqualTo(one.simulations());
    }
}
