package org.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ChannelTest {

    @Test
    void aCallbackIsAVoiceCall() {
        assertThat(Channel.CALLBACK.capacityClass()).isEqualTo(CapacityClass.VOICE);
    }

    @Test
    void smsUssdAndPortalQuestionsAreText() {
        assertThat(Channel.SMS.capacityClass()).isEqualTo(CapacityClass.TEXT);
        assertThat(Channel.USSD.capacityClass()).isEqualTo(CapacityClass.TEXT);
        assertThat(Channel.WEB.capacityClass()).isEqualTo(CapacityClass.TEXT);
        assertThat(Channel.EMAIL.capacityClass()).isEqualTo(CapacityClass.EMAIL);
    }

    @Test
    void wireNamesParseBackCaseInsensitively() {
        for (Channel channel : Channel.values()) {
            assertThat(Channel.parse(" " + channel.wireName().toUpperCase() + " "))
                    .isEqualTo(channel);
        }
    }

    @Test
    void anUnknownChannelIsRefusedNamingTheKnownOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Channel.parse("fax"))
                .withMessageContaining("ussd");
    }
}
