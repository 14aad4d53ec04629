package org.switchboard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.model.Channel;

/** The same command has the same fingerprint however its maps were built; any other command another. */
class CommandFingerprintTest {

    private static final UUID ID = new UUID(1, 2);

    @Test
    void theSameCommandHasTheSameFingerprintWhateverItsMapsOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("ivr", "1");
        one.put("lang", "ru");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("lang", "ru");
        other.put("ivr", "1");

        assertThat(CommandFingerprint.of(call("+7912", one))).isEqualTo(CommandFingerprint.of(call("+7912", other)));
        assertThat(CommandFingerprint.of(call("+7912", Map.copyOf(one))))
                .isEqualTo(CommandFingerprint.of(call("+7912", one)));
    }

    @Test
    void anyOtherFieldMakesAnotherFingerprint() {
        long base = CommandFingerprint.of(call("+7912", Map.of("a", "bc")));

        assertThat(CommandFingerprint.of(call("+7913", Map.of("a", "bc")))).isNotEqualTo(base);
        assertThat(CommandFingerprint.of(call("+7912", Map.of("ab", "c")))).isNotEqualTo(base);
        assertThat(CommandFingerprint.of(call("+7912", Map.of()))).isNotEqualTo(base);
        assertThat(CommandFingerprint.of(call("+7912", null))).isNotEqualTo(base);
        assertThat(CommandFingerprint.of(new Command.AbandonContact(ID, "x")))
                .isNotEqualTo(CommandFingerprint.of(new Command.EndConversation(ID, "x")));
        assertThat(CommandFingerprint.of(new Command.AbandonContact(ID, null)))
                .isNotEqualTo(CommandFingerprint.of(new Command.AbandonContact(ID, "null")));
    }

    private static Command.RegisterContact call(String from, Map<String, String> attributes) {
        return new Command.RegisterContact(ID, Channel.VOICE, from, null, "info", 0, attributes, null);
    }
}
