package org.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void defaultsToOneCallThreeTextsFiveEmailsVoiceExclusive() {
        AgentConfig agent = AgentConfig.of("a1", null, Map.of("info", 5));

        assertThat(agent.name()).isEqualTo("a1");
        assertThat(agent.capacityOf(CapacityClass.VOICE)).isEqualTo(1);
        assertThat(agent.capacityOf(CapacityClass.TEXT)).isEqualTo(3);
        assertThat(agent.capacityOf(CapacityClass.EMAIL)).isEqualTo(5);
        assertThat(agent.voiceExclusive()).isTrue();
    }

    @Test
    void aClassLeftOutOfTheCapacityMeansNone() {
        AgentConfig agent = new AgentConfig("a1", "Anton", Map.of(), Map.of(CapacityClass.TEXT, 2), false);

        assertThat(agent.capacityOf(CapacityClass.VOICE)).isZero();
    }

    @Test
    void proficienciesAreOneToTen() {
        assertThatIllegalArgumentException().isThrownBy(() -> AgentConfig.of("a1", null, Map.of("info", 0)));
        assertThatIllegalArgumentException().isThrownBy(() -> AgentConfig.of("a1", null, Map.of("info", 11)));
    }

    @Test
    void capacityIsZeroToFifty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AgentConfig("a1", null, Map.of(), Map.of(CapacityClass.EMAIL, 51), true));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AgentConfig("a1", null, Map.of(), Map.of(CapacityClass.EMAIL, -1), true));
    }

    @Test
    void configIsACopyTheCallerCannotChange() {
        var skills = new java.util.HashMap<>(Map.of("info", 5));
        AgentConfig agent = AgentConfig.of("a1", null, skills);

        skills.put("tech", 9);

        assertThat(agent.skills()).containsOnlyKeys("info");
    }
}
