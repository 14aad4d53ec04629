package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/** A queue that accepts its offers by itself: texts are connected at once; a call still waits for the phone. */
class AutoAcceptTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void aTextIsConnectedAtOnceAndItsOfferTimerNeverFires() {
        f.queue("chat").autoAccept().offerTimeout(5).skills("info");
        f.agent("a1").skill("info", 5).voiceExclusive(false).ready();
        UUID sms = f.at(1).arrive("chat", Channel.SMS);
        UUID web = f.at(1).arrive("chat", Channel.WEB);

        assertThat(f.state(sms)).isEqualTo(ContactState.CONNECTED);
        assertThat(f.state(web)).isEqualTo(ContactState.CONNECTED);
        assertThat(f.events(Event.ContactConnected.class))
                .extracting(Event.ContactConnected::contactId)
                .containsExactly(sms, web);
        f.at(30);
        assertThat(f.events(Event.ContactRequeued.class)).isEmpty();
        assertThat(f.state(sms)).isEqualTo(ContactState.CONNECTED);
    }

    @Test
    void aCallIsOfferedAsEverAndAnOrdinaryQueueWaitsForTheAccept() {
        f.queue("calls").autoAccept().skills("info");
        f.queue("chat").skills("tech");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("tech", 5).ready();

        UUID call = f.at(1).arrive("calls", Channel.VOICE);
        UUID sms = f.at(1).arrive("chat", Channel.SMS);

        assertThat(f.state(call)).isEqualTo(ContactState.OFFERED);
        assertThat(f.state(sms)).isEqualTo(ContactState.OFFERED);
    }
}
