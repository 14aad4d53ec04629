package org.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SkillExpressionTest {

    private static final Map<String, Integer> TECH_8_INFO_2 = Map.of("tech", 8, "info", 2);

    @Test
    void aBareSkillNeedsProficiencyOne() {
        SkillExpression expression = SkillExpression.parse("info");

        assertThat(expression.anyOf()).containsExactly(Map.of("info", 1));
        assertThat(expression.matches(Map.of("info", 1))).isTrue();
        assertThat(expression.matches(Map.of("tech", 9))).isFalse();
    }

    @Test
    void allSkillsOfAnAlternativeMustReachTheirMinimum() {
        SkillExpression expression = SkillExpression.parse("tech>=7 & info>=3");

        assertThat(expression.matches(TECH_8_INFO_2)).isFalse();
        assertThat(expression.matches(Map.of("tech", 7, "info", 3))).isTrue();
    }

    @Test
    void anyAlternativeIsEnough() {
        assertThat(SkillExpression.parse("tech>=7 & info>=3 | tech>=8").matches(TECH_8_INFO_2))
                .isTrue();
    }

    @Test
    void scoreIsTheBestSumOverASatisfiedAlternative() {
        SkillExpression expression = SkillExpression.parse("tech & info | tech>=8");

        assertThat(expression.score(TECH_8_INFO_2)).isEqualTo(10);
        assertThat(expression.score(Map.of("tech", 8))).isEqualTo(8);
        assertThat(expression.score(Map.of("info", 9))).isZero();
    }

    @Test
    void textRoundTripsThroughParse() {
        SkillExpression expression = SkillExpression.parse(" tech>=7&info>=3 |tech>=9 ");

        assertThat(expression.toString()).isEqualTo("info>=3 & tech>=7 | tech>=9");
        assertThat(SkillExpression.parse(expression.toString())).isEqualTo(expression);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "info>=",
                "info>=x",
                ">=3",
                "info>=0",
                "info>=11",
                "in fo",
                "| info",
                "info & | tech",
                "info || tech"
            })
    void malformedTextIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> SkillExpression.parse(text));
    }

    /** Java's split dropped trailing empty parts, so "tech |" silently meant "tech". */
    @Test
    void Regression_TrailingSeparatorIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SkillExpression.parse("tech |"));
        assertThatIllegalArgumentException().isThrownBy(() -> SkillExpression.parse("tech>=7 &"));
    }

    @Test
    void anExpressionNeedsAnAlternativeWithASkill() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SkillExpression(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new SkillExpression(List.of(Map.of())));
    }
}
