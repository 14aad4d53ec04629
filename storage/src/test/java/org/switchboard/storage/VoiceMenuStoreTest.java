package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The console's voice menu: absent until stored, then changed only over the version it was made from, audited. */
@ParameterizedClass
@EnumSource(Backend.class)
class VoiceMenuStoreTest extends BackendTest {

    @Test
    void aChangeIsStoredOverItsVersionOnlyWithItsAuditAndAStaleOneChangesNothing() {
        VoiceMenuStore menus = database.voiceMenu();
        assertThat(menus.load()).isEmpty();
        String text = "language: ru\nstart: main # ключ 1 — тарифы\n" + "x".repeat(50_000);

        assertThat(menus.save(text, 0, "root", Samples.T0, "version 1")).isTrue();
        assertThat(menus.save("start: other", 0, "olga", Samples.T0 + 1, "version 1"))
                .as("another administrator's first version came first")
                .isFalse();
        assertThat(menus.save("start: second", 1, "olga", Samples.T0 + 2, "version 2"))
                .isTrue();
        assertThat(menus.save("start: third", 1, "root", Samples.T0 + 3, "version 2"))
                .isFalse();

        assertThat(menus.load()).contains(new VoiceMenuStore.Stored("start: second", 2, Samples.T0 + 2, "olga"));
        assertThat(database.auditLog().about("voice-menu", 10))
                .extracting(r -> r.actor() + " " + r.detail())
                .containsExactlyInAnyOrder("root version 1", "olga version 2");
        assertThat(menus.save(text, 2, "root", Samples.T0 + 4, "version 3")).isTrue();
        assertThat(menus.load().orElseThrow().text()).isEqualTo(text);
    }
}
