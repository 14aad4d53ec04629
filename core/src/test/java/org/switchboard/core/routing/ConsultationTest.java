package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.CallControl;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/**
 * A consultative transfer: the agent asks a colleague first, whose voice slot is kept for it, then hands the call over,
 * or takes the caller back; the consultation never outlives the agent's part in the call.
 */
class ConsultationTest {

    private final EngineFixture f = new EngineFixture();

    private UUID connectedCall() {
        f.queue("info").skills("info");
        f.agent("anton").skill("info", 5).ready();
        f.agent("anna").skill("info", 5).ready();
        UUID call = f.at(1).arrive("info");
        assertThat(f.agentOf(call)).isEqualTo("anton");
        f.at(2).accept(call, "anton");
        return call;
    }

    private Outcome consult(UUID call, String colleague) {
        return f.apply(new Command.ConsultColleague(call, colleague, "anton"));
    }

    @Test
    void theColleaguesSlotIsKeptAndCompletingHandsTheCallToThem() {
        UUID call = connectedCall();

        assertThat(f.at(3)
                        .apply(new Command.ConsultColleague(call, "anna", "anton"))
                        .isAccepted())
                .isTrue();

        assertThat(f.events(Event.ConsultationStarted.class))
                .containsExactly(new Event.ConsultationStarted(call, "anton", "anna", f.nowMs()));
        assertThat(f.contact(call).consultantId()).isEqualTo("anna");
        assertThat(f.agentView("anna").load().get(CapacityClass.VOICE)).isEqualTo(1);
        assertThat(f.agentView("anna").canTake(CapacityClass.VOICE)).isFalse();
        UUID next = f.at(4).arrive("info");
        assertThat(f.state(next)).as("anna's slot is kept").isEqualTo(ContactState.QUEUED);

        UUID successor = f.newContactId();
        Outcome handed = f.at(5).apply(new Command.TransferContact(call, successor, null, "anna", "anton", null));

        assertThat(handed.isAccepted()).isTrue();
        assertThat(f.events(Event.ConsultationEnded.class))
                .containsExactly(new Event.ConsultationEnded(call, "anton", "anna", "completed", f.nowMs()));
        assertThat(f.ended(call).state()).isEqualTo(ContactState.TRANSFERRED);
        assertThat(f.offeredTo("anna")).containsExactly(successor);
        assertThat(f.agentOf(next)).as("anton is free again and takes the next").isEqualTo("anton");
        f.at(6).accept(successor, "anna");
        assertThat(f.agentView("anna").load().get(CapacityClass.VOICE)).isEqualTo(1);
    }

    @Test
    void cancellingFreesTheColleagueWhoIsOfferedWhatWaits() {
        UUID call = connectedCall();
        consult(call, "anna");
        UUID next = f.at(4).arrive("info");

        Outcome cancelled = f.at(5).apply(new Command.EndConsultation(call, "anton", null));

        assertThat(cancelled.isAccepted()).isTrue();
        assertThat(f.events(Event.ConsultationEnded.class))
                .extracting(Event.ConsultationEnded::reason)
                .containsExactly("cancelled");
        assertThat(f.contact(call).consultantId()).isNull();
        assertThat(f.state(call)).as("anton goes on with the caller").isEqualTo(ContactState.CONNECTED);
        assertThat(f.agentOf(next)).isEqualTo("anna");
    }

    @Test
    void theChannelSaysWhyTheColleagueCannotTalk() {
        UUID call = connectedCall();
        consult(call, "anna");

        f.at(5).apply(new Command.EndConsultation(call, null, "the colleague's phone refused"));

        assertThat(f.events(Event.ConsultationEnded.class))
                .extracting(Event.ConsultationEnded::reason)
                .containsExactly("the colleague's phone refused");
        assertThat(f.agentView("anna").canTake(CapacityClass.VOICE)).isTrue();
    }

    @Test
    void theConsultationEndsWithTheCallOrWhenTheColleagueLeaves() {
        UUID call = connectedCall();
        consult(call, "anna");

        f.at(5).apply(new Command.EndConversation(call, "caller hung up"));

        assertThat(f.events(Event.ConsultationEnded.class))
                .extracting(Event.ConsultationEnded::reason)
                .containsExactly("the call ended");
        assertThat(f.agentView("anna").canTake(CapacityClass.VOICE)).isTrue();

        UUID second = f.at(6).arrive("info");
        f.at(7).accept(second, "anna");
        f.apply(new Command.ConsultColleague(second, "anton", "anna"));
        f.at(8).logout("anton");
        assertThat(f.events(Event.ConsultationEnded.class))
                .extracting(Event.ConsultationEnded::reason)
                .containsExactly("the call ended", "the colleague logged out");
        assertThat(f.contact(second).consultantId()).isNull();
        assertThat(f.state(second)).isEqualTo(ContactState.CONNECTED);
    }

    @Test
    void aTransferElsewhereEndsTheConsultation() {
        UUID call = connectedCall();
        f.queue("tech").skills("tech");
        consult(call, "anna");

        f.at(5).transfer(call, "tech", "anton");

        assertThat(f.events(Event.ConsultationEnded.class))
                .extracting(Event.ConsultationEnded::reason)
                .containsExactly("the call was transferred elsewhere");
        assertThat(f.agentView("anna").canTake(CapacityClass.VOICE)).isTrue();
    }

    @Test
    void onlyATransferCompletesAndItStillReachesAColleagueWhoMissedAnOfferMeanwhile() {
        UUID call = connectedCall();
        consult(call, "anna");
        f.notReady("anna", "no answer"); // a text offered to her meanwhile rang out
        int mark = f.mark();

        assertThat(refusal(f.apply(new Command.EndConsultation(call, "anton", "Completed"))))
                .as("a client cannot pass its end off as a transfer")
                .isEqualTo(Rejection.Code.INVALID);
        for (String lookAlike : new String[] {"completed.", "\u200bcompleted", "ｃｏｍｐｌｅｔｅｄ", "«completed»"}) {
            assertThat(refusal(f.apply(new Command.EndConsultation(call, "anton", lookAlike))))
                    .as("nor with a look-alike: %s", lookAlike)
                    .isEqualTo(Rejection.Code.INVALID);
        }
        assertThat(f.eventsSince(mark)).isEmpty();
        UUID successor = f.newContactId();
        assertThat(f.apply(new Command.TransferContact(call, successor, null, "anna", "anton", null))
                        .isAccepted())
                .isTrue();
        assertThat(f.offeredTo("anna")).containsExactly(successor);
    }

    @Test
    void aQueueNamesTheLongestIdleColleagueFreeThereOrNobody() {
        f.queue("info").skills("info");
        f.queue("tech").skills("tech");
        f.agent("anton").skill("info", 5).ready();
        f.agent("boris").skill("tech", 9).define();
        f.agent("anna").skill("tech", 5).define();
        f.at(1).ready("anna");
        f.at(2).ready("boris");
        UUID call = f.at(3).arrive("info");
        f.at(4).accept(call, "anton");

        assertThat(f.apply(new Command.ConsultColleague(call, null, "tech", "anton"))
                        .isAccepted())
                .isTrue();
        assertThat(f.contact(call).consultantId()).as("anna has waited longest").isEqualTo("anna");

        f.apply(new Command.EndConsultation(call, "anton", null));
        f.notReady("anna", "break");
        f.notReady("boris", "break");
        int mark = f.mark();
        assertThat(refusal(f.apply(new Command.ConsultColleague(call, null, "tech", "anton"))))
                .as("nobody free in tech")
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(f.apply(new Command.ConsultColleague(call, null, "ghost", "anton"))))
                .isEqualTo(Rejection.Code.NOT_FOUND);
        assertThat(f.eventsSince(mark)).isEmpty();
    }

    @Test
    void refusalsChangeNothing() {
        UUID call = connectedCall();
        f.agent("olga").skill("info", 5).define();
        f.agent("ivan").skill("info", 5).ready();
        UUID text = f.at(3).arrive("info", Channel.SMS);
        assertThat(f.agentOf(text)).isEqualTo("anna");
        UUID offered = f.at(3).arrive("info");
        assertThat(f.agentOf(offered)).isEqualTo("ivan");
        int mark = f.mark();

        assertThat(refusal(consult(offered, "olga"))).isEqualTo(Rejection.Code.NOT_YOURS);
        assertThat(refusal(f.apply(new Command.ConsultColleague(offered, "olga", null))))
                .as("only a connected call")
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(f.apply(new Command.ConsultColleague(text, "olga", null))))
                .as("a text is not a call")
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(consult(call, "ghost"))).isEqualTo(Rejection.Code.NOT_FOUND);
        assertThat(refusal(consult(call, "olga"))).as("logged out").isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(consult(call, "ivan"))).as("busy").isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(consult(call, "anton"))).as("oneself").isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(f.apply(new Command.EndConsultation(call, "anton", null))))
                .as("nothing to end")
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(f.eventsSince(mark)).isEmpty();

        f.ready("olga");
        assertThat(consult(call, "olga").isAccepted()).isTrue();
        mark = f.mark();
        assertThat(refusal(consult(call, "olga"))).as("one at a time").isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(f.apply(new Command.EndConsultation(call, "anna", null))))
                .isEqualTo(Rejection.Code.NOT_YOURS);
        assertThat(refusal(f.apply(new Command.ControlCall(call, "anton", CallControl.RESUME))))
                .as("the caller stays held while the agent consults")
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(f.eventsSince(mark)).isEmpty();
        assertThat(f.contact(call).consultantId()).isEqualTo("olga");
    }

    @Test
    void aSnapshotKeepsTheConsultationAndAFormatOneSnapshotStillReads() throws IOException {
        UUID call = connectedCall();
        byte[] before = formatOne(f.engine);
        consult(call, "anna");

        RoutingEngine restored = SnapshotFixture.roundTrip(f.engine, event -> {});

        assertThat(SnapshotFixture.viewsOf(restored)).isEqualTo(SnapshotFixture.viewsOf(f.engine));
        assertThat(restored.contact(call).orElseThrow().consultantId()).isEqualTo("anna");
        restored.apply(new Command.EndConsultation(call, "anton", null), f.nowMs());
        assertThat(restored.agent("anna").orElseThrow().canTake(CapacityClass.VOICE))
                .isTrue();

        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(before))) {
            RoutingEngine old = EngineSnapshot.read(in, SnapshotFixture.CODEC, event -> {});
            assertThat(in.read()).isEqualTo(-1);
            assertThat(old.contact(call).orElseThrow().state()).isEqualTo(ContactState.CONNECTED);
            assertThat(old.contact(call).orElseThrow().consultantId()).isNull();
        }
    }

    private static byte[] formatOne(RoutingEngine engine) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            EngineSnapshot.write(engine, out, SnapshotFixture.CODEC, 1);
        }
        return bytes.toByteArray();
    }

    private static Rejection.Code refusal(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }
}
