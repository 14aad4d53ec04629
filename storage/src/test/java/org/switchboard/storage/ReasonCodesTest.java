package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.ReasonCodes;
import org.switchboard.core.port.ReasonCodes.Code;
import org.switchboard.core.port.ReasonCodes.Kind;

/** The reason lists: installed with the defaults, replaced whole with their audit, retired entries kept but refused. */
@ParameterizedClass
@EnumSource(Backend.class)
class ReasonCodesTest extends BackendTest {

    @Test
    void theDefaultsComeWithTheSchemaAndAReplacementKeepsItsOrderAndIsAudited() {
        ReasonCodes reasons = database.reasonCodes();
        assertThat(reasons.list(Kind.NOT_READY)).extracting(Code::name).startsWith("break", "training");
        assertThat(reasons.list(Kind.DISPOSITION)).hasSize(7);

        reasons.replace(
                Kind.NOT_READY,
                List.of(new Code("обед", true), new Code("break", false), new Code("coaching", true)),
                "admin",
                Samples.T0);

        assertThat(reasons.list(Kind.NOT_READY))
                .containsExactly(new Code("обед", true), new Code("break", false), new Code("coaching", true));
        assertThat(reasons.allows(Kind.NOT_READY, "обед")).isTrue();
        assertThat(reasons.allows(Kind.NOT_READY, "break")).as("retired").isFalse();
        assertThat(reasons.allows(Kind.NOT_READY, "nap")).isFalse();
        assertThat(reasons.list(Kind.DISPOSITION)).hasSize(7);
        assertThat(database.auditLog().about("reasons/not-ready", 5))
                .singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("обед, break (retired), coaching"));

        assertThatThrownBy(() -> reasons.replace(
                        Kind.NOT_READY, List.of(new Code("Lunch", true), new Code("lunch", true)), "admin", 1))
                .isInstanceOf(IllegalArgumentException.class);
        reasons.replace(Kind.DISPOSITION, List.of(), "admin", Samples.T0);
        assertThat(reasons.allows(Kind.DISPOSITION, "anything"))
                .as("an empty list takes any text")
                .isTrue();
    }
}
