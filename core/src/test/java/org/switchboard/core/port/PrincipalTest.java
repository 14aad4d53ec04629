package org.switchboard.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void anAgentsPrincipalNamesItsAgentAndNoOtherDoes() {
        assertThat(new Principal("anna", Role.AGENT, "a1").agent()).isEqualTo("a1");
        assertThat(Principal.notAnAgent("vera", Role.SUPERVISOR).agentId()).isNull();

        assertThatThrownBy(() -> new Principal("anna", Role.AGENT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anna");
        assertThatThrownBy(() -> new Principal("vera", Role.SUPERVISOR, "a1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Principal.notAnAgent("anna", Role.AGENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Principal.notAnAgent("vera", Role.ADMIN).agent())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not an agent");
    }
}
