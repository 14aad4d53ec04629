package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.atIndex;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;

/** What happens to a contact once it is offered: answers, missed offers, wrap-up, capacity, transfers, restarts. */
class ContactLifecycleTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void acceptedOfferConnectsTheContact() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.arrive("info");

        f.at(3).accept(contact, "a1");

        assertThat(f.state(contact)).isEqualTo(ContactState.CONNECTED);
        assertThat(f.events(Event.ContactConnected.class))
                .containsExactly(new Event.ContactConnected(contact, "info", "a1", EngineFixture.msAt(3)));
    }

    @Test
    void theChannelConnectsTheOfferWhenTheAgentsPhoneAnswersAndARepeatChangesNothing() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.arrive("info");

        f.at(3).apply(new Command.ConnectContact(contact, "a1"));
        Outcome repeat = f.at(4).apply(new Command.ConnectContact(contact, "a1"));

        assertThat(repeat).isInstanceOf(Outcome.Accepted.class);
        assertThat(f.state(contact)).isEqualTo(ContactState.CONNECTED);
        assertThat(f.events(Event.ContactConnected.class))
                .containsExactly(new Event.ContactConnected(contact, "info", "a1", EngineFixture.msAt(3)));
    }

    @Test
    void theChannelEndsTheConversationIntoWrapUpWithItsReasonAndTheAgentStillCompletesIt() {
        f.queue("info").wrapUp(30).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        f.at(2).apply(new Command.ConnectContact(contact, "a1"));

        f.at(62).apply(new Command.EndConversation(contact, "caller hung up"));
        f.at(63).apply(new Command.EndConversation(contact, "agent hung up"));
        assertThat(f.state(contact)).isEqualTo(ContactState.WRAP_UP);
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.WRAP_UP);
        f.at(70).complete(contact, "a1", "tariff explained");

        assertThat(f.events(Event.ContactWrapUpStarted.class))
                .containsExactly(new Event.ContactWrapUpStarted(
                        contact, "a1", null, "caller hung up", EngineFixture.msAt(92), EngineFixture.msAt(62)));
        assertThat(f.ended(contact).state()).isEqualTo(ContactState.COMPLETED);
        assertThat(f.ended(contact).disposition()).isEqualTo("tariff explained");
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.READY);
    }

    @Test
    void withoutWrapUpTheChannelsEndCompletesTheContactWithItsReason() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        f.accept(contact, "a1");

        f.at(40).apply(new Command.EndConversation(contact, "line lost"));

        assertThat(f.ended(contact).state()).isEqualTo(ContactState.COMPLETED);
        assertThat(f.ended(contact).reason()).isEqualTo("line lost");
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.READY);
    }

    @Test
    void unansweredOfferReturnsContactToItsPlaceAndAgentGoesNotReady() {
        f.queue("info").offerTimeout(15).skills("info");
        f.agent("a1").skill("info", 5).define();
        UUID first = f.arrive("info");
        UUID second = f.at(1).arrive("info");
        int positionBefore = f.position(first);
        f.at(2).ready("a1");
        assertThat(f.agentOf(first)).isEqualTo("a1");
        UUID third = f.at(3).arrive("info");

        f.at(17);

        assertThat(f.state(first)).isEqualTo(ContactState.QUEUED);
        assertThat(f.position(first)).isEqualTo(positionBefore).isEqualTo(1);
        assertThat(f.position(second)).isEqualTo(2);
        assertThat(f.position(third)).isEqualTo(3);
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.NOT_READY);
        assertThat(f.agentView("a1").reason()).isEqualTo("no answer");
        assertThat(f.events(Event.ContactRequeued.class))
                .containsExactly(new Event.ContactRequeued(first, "info", "a1", "no answer", EngineFixture.msAt(17)));
    }

    @Test
    void offerIsNotTakenBackBeforeItsDeadline() {
        f.queue("info").offerTimeout(15).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.arrive("info");

        f.at(14.999);

        assertThat(f.state(contact)).isEqualTo(ContactState.OFFERED);
    }

    @Test
    void rejectedOfferRequeuesAndMakesAgentNotReady() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.at(1);
        f.agent("a2").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        assertThat(f.agentOf(contact)).isEqualTo("a1");

        f.rejectOffer(contact, "a1");

        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.NOT_READY);
        assertThat(f.agentView("a1").reason()).isEqualTo("rejected offer");
        assertThat(f.events(Event.ContactRequeued.class))
                .extracting(Event.ContactRequeued::reason)
                .containsExactly("rejected");
        assertThat(f.agentOf(contact)).isEqualTo("a2");
    }

    @Test
    void aRejectedContactIsNotOfferedAgainToWhoRejectedItWhoGetsTheNextOneInstead() throws Exception {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.arrive("info");
        f.at(1).rejectOffer(first, "a1");
        UUID second = f.at(2).arrive("info");

        f.at(3).ready("a1");

        assertThat(f.state(first)).isEqualTo(ContactState.QUEUED);
        assertThat(f.agentOf(second))
                .as("the agent takes the next contact, behind the one it rejected")
                .isEqualTo("a1");
        f.handle(second, "a1");
        assertThat(f.state(first))
                .as("still not offered to the agent who rejected it")
                .isEqualTo(ContactState.QUEUED);
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.READY);

        RoutingEngine restored = SnapshotFixture.roundTrip(f.engine, event -> {});
        restored.apply(new Command.DefineAgent(AgentConfig.of("a2", "A2", Map.of("info", 5))), f.nowMs());
        restored.apply(new Command.ChangePresence("a2", Presence.READY, null), f.nowMs());
        assertThat(restored.contact(first).orElseThrow().agentId())
                .as("a snapshot keeps who rejected it; a colleague gets it")
                .isEqualTo("a2");

        RoutingEngine formatFour = SnapshotFixture.roundTrip(f.engine, 4); // one end for every agent held
        formatFour.apply(new Command.ChangePresence("a1", Presence.NOT_READY, null), f.nowMs());
        formatFour.apply(new Command.ChangePresence("a1", Presence.READY, null), f.nowMs());
        assertThat(formatFour.contact(first).orElseThrow().state()).isEqualTo(ContactState.QUEUED);

        RoutingEngine formatThree = SnapshotFixture.roundTrip(f.engine, 3);
        formatThree.apply(new Command.ChangePresence("a1", Presence.NOT_READY, null), f.nowMs());
        formatThree.apply(new Command.ChangePresence("a1", Presence.READY, null), f.nowMs());
        assertThat(formatThree.contact(first).orElseThrow().agentId())
                .as("format 3 did not keep rejections: read as nobody")
                .isEqualTo("a1");
    }

    @Test
    void aRejectionHoldsForAMinuteThenTheContactMayGoToTheAgentWhoRejectedIt() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        f.at(1).rejectOffer(contact, "a1");
        f.at(2).ready("a1");

        f.at(60.9);
        assertThat(f.state(contact)).isEqualTo(ContactState.QUEUED);
        f.at(61);

        assertThat(f.agentOf(contact))
                .as("nobody else came: a caller is not left waiting for good")
                .isEqualTo("a1");
        f.rejectOffer(contact, "a1");
        f.at(62).ready("a1");
        assertThat(f.state(contact)).as("a new rejection holds anew").isEqualTo(ContactState.QUEUED);
    }

    /** Found at the newcomer's pace: colleagues' later rejections had kept the first one's hold going. */
    @Test
    void eachRejectionHoldsForAMinuteFromItsOwnTime() {
        f.queue("info").offerTimeout(60).skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        f.rejectOffer(contact, "a1");
        f.at(30).rejectOffer(contact, "a2");
        f.at(31).ready("a1");
        f.ready("a2");

        f.at(59.9);
        assertThat(f.state(contact)).isEqualTo(ContactState.QUEUED);
        f.at(60);

        assertThat(f.agentOf(contact))
                .as("a1's hold ended at 60; a2's lasts until 90")
                .isEqualTo("a1");
        f.rejectOffer(contact, "a1");
        f.at(90);
        assertThat(f.agentOf(contact)).isEqualTo("a2");
    }

    @Test
    void theNextHoldsEndStillComesAfterAnEarlierOneEndedWithNobodyToServe() {
        f.queue("info").offerTimeout(60).skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        f.rejectOffer(contact, "a1"); // held from a1 until 60, which stays NOT_READY
        f.at(10).rejectOffer(contact, "a2"); // held from a2 until 70
        f.at(11).ready("a2");

        f.at(65);
        assertThat(f.state(contact)).isEqualTo(ContactState.QUEUED);
        f.at(70);

        assertThat(f.agentOf(contact)).isEqualTo("a2");
    }

    /** Found by the property test: the hold's own timer had gone stale while a colleague's phone rang. */
    @Test
    void aHoldThatEndedWhileTheContactWasOfferedElsewhereNoLongerCountsWhenItComesBack() {
        f.queue("info").offerTimeout(15).skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        f.rejectOffer(contact, "a1");
        assertThat(f.agentOf(contact)).isEqualTo("a2");
        f.at(1).ready("a1");
        f.at(15); // a2 lets it ring: it waits, held from a1
        f.at(50).agent("a3").skill("info", 5).ready();
        assertThat(f.agentOf(contact)).isEqualTo("a3");
        f.at(55).agent("a4").skill("info", 5).ready();

        f.at(65); // a3 lets it ring too, after the hold ended at 60

        assertThat(f.agentOf(contact))
                .as("a1 is idle the longest and no longer held")
                .isEqualTo("a1");
    }

    @Test
    void anAgentPassedOverForTheContactItRejectedStaysFirstForTheNextCaller() {
        f.queue("info").step("info", 10).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID rejected = f.arrive("info");
        f.at(1).rejectOffer(rejected, "a1");
        f.at(2).ready("a1");

        f.at(11); // the step times out: the contact is routed again at its next step, and a1 is passed over
        assertThat(f.contact(rejected).step()).isEqualTo(1);
        UUID next = f.at(12).arrive("info");

        assertThat(f.agentOf(next)).as("a1 stayed in line for other contacts").isEqualTo("a1");
        assertThat(f.state(rejected)).isEqualTo(ContactState.QUEUED);
    }

    @Test
    void wrapUpHoldsTheAgentUntilItsTimerEnds() {
        f.queue("info").wrapUp(30).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.arrive("info");
        f.accept(first, "a1");
        f.at(10).complete(first, "a1", "solved");
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.WRAP_UP);

        UUID second = f.at(15).arrive("info");
        f.at(39.999);
        assertThat(f.state(second)).isEqualTo(ContactState.QUEUED);
        f.at(40);

        assertThat(f.ended(first).state()).isEqualTo(ContactState.COMPLETED);
        assertThat(f.ended(first).disposition()).isEqualTo("solved");
        assertThat(f.agentOf(second)).isEqualTo("a1");
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.READY);
    }

    @Test
    void secondCompleteEndsWrapUpEarly() {
        f.queue("info").wrapUp(30).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.arrive("info");
        f.accept(first, "a1");
        f.at(10).complete(first, "a1");
        UUID second = f.at(11).arrive("info");

        f.at(12).complete(first, "a1");

        assertThat(f.ended(first).state()).isEqualTo(ContactState.COMPLETED);
        assertThat(f.ended(first).atMs()).isEqualTo(EngineFixture.msAt(12));
        assertThat(f.agentOf(second)).isEqualTo("a1");
    }

    @Test
    void agentTakingNewWorkDuringWrapUpShowsReady() {
        f.queue("info").wrapUp(30).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID chat = f.arrive("info", Channel.SMS);
        f.handle(chat, "a1");
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.WRAP_UP);

        UUID next = f.at(1).arrive("info", Channel.SMS);

        assertThat(f.agentOf(next)).isEqualTo("a1");
        assertThat(f.agentView("a1").status())
                .as("WRAP_UP means only after-contact work remains")
                .isEqualTo(AgentStatus.READY);
    }

    @Test
    void voiceBlocksOtherChannelsWhenExclusive() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID call = f.arrive("info");
        f.accept(call, "a1");

        UUID sms = f.arrive("info", Channel.SMS);
        assertThat(f.state(sms)).isEqualTo(ContactState.QUEUED);
        f.complete(call, "a1");

        assertThat(f.agentOf(sms)).isEqualTo("a1");
    }

    @Test
    void otherWorkBlocksVoiceWhenExclusive() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.arrive("info", Channel.EMAIL);

        UUID call = f.arrive("info");

        assertThat(f.state(call)).isEqualTo(ContactState.QUEUED);
    }

    @Test
    void nonExclusiveAgentTakesACallBesideTexts() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).voiceExclusive(false).ready();
        f.arrive("info", Channel.SMS);

        UUID call = f.arrive("info");

        assertThat(f.agentOf(call)).isEqualTo("a1");
    }

    @Test
    void textCapacityAllowsThreeConversations() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.arrive("info", Channel.SMS);
        f.arrive("info", Channel.WEB);
        f.arrive("info", Channel.USSD);

        UUID fourth = f.arrive("info", Channel.SMS);
        assertThat(f.state(fourth)).isEqualTo(ContactState.QUEUED);
        assertThat(f.agentView("a1").load()).containsEntry(CapacityClass.TEXT, 3);
        f.handle(first, "a1");

        assertThat(f.agentOf(fourth)).isEqualTo("a1");
    }

    @Test
    void agentWithoutCapacityForAClassNeverReceivesIt() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).capacity(CapacityClass.EMAIL, 0).ready();

        UUID mail = f.arrive("info", Channel.EMAIL);

        assertThat(f.state(mail)).isEqualTo(ContactState.QUEUED);
    }

    @Test
    void abandonWhileWaitingEndsTheContactAndClosesTheGap() {
        f.queue("info").skills("info");
        UUID first = f.arrive("info");
        UUID second = f.arrive("info");

        f.abandon(first);

        assertThat(f.ended(first).state()).isEqualTo(ContactState.ABANDONED);
        assertThat(f.ended(first).reason()).isEqualTo("hung up");
        assertThat(f.position(second)).isEqualTo(1);
    }

    @Test
    void abandonWhileRingingFreesTheAgentForTheNextContact() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID ringing = f.arrive("info");
        UUID next = f.arrive("info");

        f.abandon(ringing);

        assertThat(f.agentOf(next)).isEqualTo("a1");
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.READY);
    }

    @Test
    void transferKeepsHistoryViaParentId() {
        f.queue("info").skills("info");
        f.queue("tech").skills("tech");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("tech", 5).ready();
        UUID contact = f.arrive("info");
        f.accept(contact, "a1");

        UUID successor = f.transfer(contact, "tech", "a1");

        Event.ContactEnded ended = f.ended(contact);
        assertThat(ended.state()).isEqualTo(ContactState.TRANSFERRED);
        assertThat(ended.successorId()).isEqualTo(successor);
        assertThat(f.contact(successor).parentId()).isEqualTo(contact);
        assertThat(f.contact(successor).queueId()).isEqualTo("tech");
        assertThat(f.agentOf(successor)).isEqualTo("a2");
        assertThat(f.agentView("a1").contacts()).isEmpty();
    }

    @Test
    void logoutTakesBackOffersAndClosesWrapUps() {
        f.queue("info").wrapUp(60).skills("info");
        f.agent("a1").skill("info", 5).voiceExclusive(false).ready();
        UUID chat = f.arrive("info", Channel.SMS);
        f.handle(chat, "a1");
        UUID offered = f.arrive("info", Channel.SMS);

        f.logout("a1");

        assertThat(f.ended(chat).state()).isEqualTo(ContactState.COMPLETED);
        assertThat(f.state(offered)).isEqualTo(ContactState.QUEUED);
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.LOGGED_OUT);
        assertThat(f.agentView("a1").contacts()).isEmpty();
    }

    @Test
    void recoverRequeuesOfferedAndConnectedContactsAtTheirPositionsAndLogsAgentsOut() {
        f.queue("info").wrapUp(60).skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        f.agent("a3").skill("info", 5).ready();
        UUID wrapping = f.arrive("info");
        UUID connected = f.arrive("info");
        UUID offered = f.arrive("info");
        UUID waiting = f.arrive("info");
        f.handle(wrapping, "a1");
        f.accept(connected, "a2");

        f.at(5).recover();

        assertThat(f.ended(wrapping).state()).isEqualTo(ContactState.COMPLETED);
        assertThat(f.line("info")).containsExactly(connected, offered, waiting);
        assertThat(f.position(connected)).isEqualTo(1);
        assertThat(f.position(offered)).isEqualTo(2);
        assertThat(f.position(waiting)).isEqualTo(3);
        assertThat(f.engine.agents()).extracting(a -> a.status()).containsOnly(AgentStatus.LOGGED_OUT);
        assertThat(f.engine.agents()).allSatisfy(a -> assertThat(a.contacts()).isEmpty());
    }

    @Test
    void afterRecoverTheFirstAgentBackTakesTheHeadOfTheLine() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.arrive("info");
        f.arrive("info");
        f.accept(first, "a1");
        f.recover();

        f.ready("a1");

        assertThat(f.agentOf(first)).isEqualTo("a1");
    }

    @Test
    void aRestartTurnsTheVoiceCallsItCutOffIntoCallbacksInTheirPlacesAndLeavesTextWhereItWas() {
        f.queue("info").wrapUp(60).skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        UUID talking = f.arrive("info");
        UUID offered = f.arrive("info");
        UUID sms = f.arrive("info", Channel.SMS);
        UUID waiting = f.arrive("info");
        f.accept(talking, "a1");
        String subscriber = f.contact(talking).from();

        f.at(5).restartLosingCalls();

        Event.ContactEnded lost = f.ended(talking);
        assertThat(lost.state()).as("answered, cut short").isEqualTo(ContactState.COMPLETED);
        assertThat(lost.reason()).isEqualTo("channel-lost");
        assertThat(lost.successorId()).isNotNull();
        assertThat(f.ended(offered).state()).isEqualTo(ContactState.CALLBACK_SCHEDULED);
        assertThat(f.ended(waiting).state()).isEqualTo(ContactState.CALLBACK_SCHEDULED);
        List<UUID> line = f.line("info");
        assertThat(line).hasSize(4).contains(sms, atIndex(2));
        assertThat(line).extracting(id -> f.contact(id).parentId()).containsExactly(talking, offered, null, waiting);
        assertThat(line)
                .extracting(id -> f.contact(id).channel())
                .containsExactly(Channel.CALLBACK, Channel.CALLBACK, Channel.SMS, Channel.CALLBACK);
        assertThat(f.contact(line.getFirst()).from()).isEqualTo(subscriber);
        assertThat(f.engine.agents()).allSatisfy(a -> assertThat(a.contacts()).isEmpty());
    }

    @Test
    void aRestartJournaledBeforeCallsWereRealRecoversAsItDidThen() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID talking = f.arrive("info");
        UUID waiting = f.arrive("info");
        f.accept(talking, "a1");

        f.recover();

        assertThat(f.line("info")).containsExactly(talking, waiting);
    }

    @Test
    void codeWordChecksAndNotesGoIntoTheTimelineAndChangeNothingElse() {
        f.queue("info").wrapUp(30).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.arrive("info");
        f.at(2).accept(contact, "a1");

        f.at(5).apply(new Command.RecordCodeWordCheck(contact, "a1", "a1", "+79120000001", false));
        f.at(6).apply(new Command.RecordCodeWordCheck(contact, "a1", "a1", "+79120000001", true));
        f.at(7).apply(new Command.NoteContact(contact, "a1", "a1", "  wants roaming  "));
        f.at(8).complete(contact, "a1", "resolved");
        f.at(9).apply(new Command.NoteContact(contact, "a1", "a1", "roaming connected"));
        f.at(10).apply(new Command.NoteContact(contact, null, "sue", "well done"));

        assertThat(f.events(Event.CodeWordChecked.class))
                .containsExactly(
                        new Event.CodeWordChecked(contact, "+79120000001", "a1", "a1", false, EngineFixture.msAt(5)),
                        new Event.CodeWordChecked(contact, "+79120000001", "a1", "a1", true, EngineFixture.msAt(6)));
        assertThat(f.events(Event.ContactNoted.class))
                .extracting(Event.ContactNoted::text)
                .containsExactly("wants roaming", "roaming connected", "well done");
        assertThat(f.state(contact)).isEqualTo(ContactState.WRAP_UP);
    }
}
