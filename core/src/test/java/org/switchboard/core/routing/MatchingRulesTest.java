package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.RoutingStrategy;

/** Who gets which contact: strategies, priority, bullseye steps, overflow and redefinitions. */
class MatchingRulesTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void offersTheLongestIdleQualifiedAgentFirst() {
        f.queue("info").skills("info");
        f.agent("unqualified").skill("tech", 9).ready();
        f.agent("a1").skill("info", 5).define();
        f.agent("a2").skill("info", 5).ready();
        f.at(5);
        f.ready("a1");

        UUID contact = f.at(10).arrive("info");

        assertThat(f.agentOf(contact)).isEqualTo("a2");
    }

    @Test
    void anAgentThatFinishesWorkQueuesBehindAgentsIdleLonger() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.at(1);
        f.agent("a2").skill("info", 5).ready();
        UUID first = f.at(2).arrive("info");
        f.handle(first, "a1");

        UUID second = f.at(3).arrive("info");

        assertThat(f.agentOf(second)).isEqualTo("a2");
    }

    @Test
    void mostSkilledStrategyPrefersHigherProficiency() {
        f.queue("info").strategy(RoutingStrategy.MOST_SKILLED).skills("info");
        f.agent("novice").skill("info", 3).ready();
        f.at(5);
        f.agent("expert").skill("info", 9).ready();

        UUID contact = f.at(10).arrive("info");

        assertThat(f.agentOf(contact)).isEqualTo("expert");
    }

    @Test
    void mostSkilledStrategyBreaksTiesByLongestIdle() {
        f.queue("info").strategy(RoutingStrategy.MOST_SKILLED).skills("info");
        f.agent("a1").skill("info", 7).define();
        f.agent("a2").skill("info", 7).ready();
        f.at(5);
        f.ready("a1");

        UUID contact = f.at(10).arrive("info");

        assertThat(f.agentOf(contact)).isEqualTo("a2");
    }

    @Test
    void roundRobinRotatesAgentsPerQueue() {
        f.queue("info").strategy(RoutingStrategy.ROUND_ROBIN).skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        f.agent("a3").skill("info", 5).ready();

        for (int i = 0; i < 4; i++) {
            f.arrive("info", Channel.SMS);
        }

        assertThat(f.events(Event.ContactOffered.class))
                .extracting(Event.ContactOffered::agentId)
                .containsExactly("a1", "a2", "a3", "a1");
    }

    @Test
    void longestIdleKeepsFeedingAnAgentWithFreeTextCapacity() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();

        for (int i = 0; i < 4; i++) {
            f.arrive("info", Channel.SMS);
        }

        assertThat(f.events(Event.ContactOffered.class))
                .extracting(Event.ContactOffered::agentId)
                .containsExactly("a1", "a1", "a1", "a2");
    }

    @Test
    void roundRobinTurnsAreCountedPerQueue() {
        f.queue("info").strategy(RoutingStrategy.ROUND_ROBIN).skills("info");
        f.queue("tech").strategy(RoutingStrategy.ROUND_ROBIN).skills("tech");
        f.agent("a1").skill("info", 5).skill("tech", 5).ready();
        f.at(1);
        f.agent("a2").skill("info", 5).skill("tech", 5).ready();
        f.arrive("info", Channel.SMS);

        UUID tech = f.arrive("tech", Channel.SMS);

        assertThat(f.agentOf(tech))
                .as("tech has not served a1 yet, and a1 is idle longest")
                .isEqualTo("a1");
    }

    @Test
    void higherPriorityIsServedFirst() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        f.arrive("info", Channel.VOICE, 0);
        UUID urgent = f.at(10).arrive("info", Channel.VOICE, 5);

        f.at(20).ready("a1");

        assertThat(f.agentOf(urgent)).isEqualTo("a1");
    }

    @Test
    void equalPriorityIsFirstComeFirstServed() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        UUID first = f.arrive("info");
        UUID second = f.at(1).arrive("info");
        UUID third = f.at(2).arrive("info");

        f.ready("a1");
        f.handle(first, "a1");
        f.handle(second, "a1");
        f.handle(third, "a1");

        assertThat(f.offeredTo("a1")).containsExactly(first, second, third);
    }

    @Test
    void priorityAgingLetsALongWaitOvertakeHigherPriority() {
        f.queue("info").aging(30).step("info", 0).define();
        f.agent("a1").skill("info", 5).define();
        UUID patient = f.arrive("info", Channel.VOICE, 0);
        f.at(40).arrive("info", Channel.VOICE, 1);

        f.ready("a1");

        assertThat(f.agentOf(patient))
                .as("40 s of waiting outweigh one level worth 30 s")
                .isEqualTo("a1");
    }

    @Test
    void priorityAgingStillFavoursHigherPriorityWithinOneLevelOfWaiting() {
        f.queue("info").aging(30).step("info", 0).define();
        f.agent("a1").skill("info", 5).define();
        f.arrive("info", Channel.VOICE, 0);
        UUID urgent = f.at(20).arrive("info", Channel.VOICE, 1);

        f.ready("a1");

        assertThat(f.agentOf(urgent))
                .as("20 s of waiting are less than one level worth 30 s")
                .isEqualTo("a1");
    }

    @Test
    void strictPriorityIgnoresHowLongAContactWaited() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        f.arrive("info", Channel.VOICE, 0);
        UUID urgent = f.at(86_400).arrive("info", Channel.VOICE, 1);

        f.ready("a1");

        assertThat(f.agentOf(urgent)).isEqualTo("a1");
    }

    @Test
    void contactWaitsWhenNoQualifiedAgent() {
        f.queue("info").skills("info");
        f.agent("tech").skill("tech", 9).ready();

        UUID contact = f.arrive("info");

        assertThat(f.state(contact)).isEqualTo(ContactState.QUEUED);
        assertThat(f.position(contact)).isEqualTo(1);
        assertThat(f.events(Event.ContactOffered.class)).isEmpty();
    }

    @Test
    void notReadyAgentReceivesNothing() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        f.notReady("a1", "lunch");

        UUID contact = f.arrive("info");

        assertThat(f.state(contact)).isEqualTo(ContactState.QUEUED);
    }

    @Test
    void contactAtAStepIsOfferedOnlyToAgentsMeetingThatStepsMinimum() {
        f.queue("info").step("info>=8", 20).step("info", 0).define();
        f.agent("junior").skill("info", 3).ready();

        UUID contact = f.arrive("info");

        assertThat(f.state(contact)).isEqualTo(ContactState.QUEUED);
    }

    @Test
    void bullseyeStepWidensTheTargetAfterItsTimeout() {
        f.queue("info").step("info>=8", 20).step("info", 0).define();
        f.agent("junior").skill("info", 3).ready();
        UUID contact = f.arrive("info");

        f.at(19.999);
        assertThat(f.contact(contact).step()).isZero();
        f.at(20);

        assertThat(f.events(Event.ContactStepChanged.class))
                .containsExactly(new Event.ContactStepChanged(contact, "info", 1, EngineFixture.msAt(20)));
        assertThat(f.agentOf(contact)).isEqualTo("junior");
    }

    @Test
    void waitingContactMovesThroughEveryStepUntilOneMatches() {
        f.queue("info").step("info>=9", 10).step("info>=6", 10).step("info", 0).define();
        f.agent("junior").skill("info", 2).ready();
        UUID contact = f.arrive("info");

        f.at(25);

        assertThat(f.events(Event.ContactStepChanged.class))
                .extracting(Event.ContactStepChanged::step)
                .containsExactly(1, 2);
        assertThat(f.agentOf(contact)).isEqualTo("junior");
    }

    @Test
    void overflowTransfersToAnotherQueueKeepingHistory() {
        f.queue("backup").skills("tech");
        f.queue("info").overflow("info", 30, "backup").define();
        f.agent("tech").skill("tech", 5).ready();
        UUID original = f.arrive("info");

        f.at(30);

        Event.ContactEnded ended = f.ended(original);
        assertThat(ended.state()).isEqualTo(ContactState.TRANSFERRED);
        assertThat(ended.reason()).isEqualTo("overflow");
        UUID successor = ended.successorId();
        assertThat(f.contact(successor).parentId()).isEqualTo(original);
        assertThat(f.contact(successor).queueId()).isEqualTo("backup");
        assertThat(f.agentOf(successor)).isEqualTo("tech");
    }

    @Test
    void overflowOfAnOfferedContactWaitsUntilItIsBackInLine() {
        f.queue("backup").skills("tech");
        f.queue("info").offerTimeout(20).overflow("info", 30, "backup").define();
        f.agent("a1").skill("info", 5).define();
        UUID contact = f.arrive("info");
        f.at(25).ready("a1");
        assertThat(f.state(contact)).isEqualTo(ContactState.OFFERED);

        f.at(44);
        assertThat(f.state(contact))
                .as("the overflow timer does not take an offer away")
                .isEqualTo(ContactState.OFFERED);
        f.at(45);

        assertThat(f.state(contact))
                .as("back in line after the missed offer, past its step timeout")
                .isEqualTo(ContactState.TRANSFERRED);
    }

    @Test
    void redefiningAQueueKeepsWaitingContactsInOrder() {
        f.queue("info").skills("info");
        UUID first = f.arrive("info");
        UUID urgent = f.at(1).arrive("info", Channel.VOICE, 2);
        UUID last = f.at(2).arrive("info");
        UUID text = f.at(3).arrive("info", Channel.SMS);

        f.queue("info").aging(10).wrapUp(30).step("info>=5", 60).step("info", 0).define();

        assertThat(f.line("info")).containsExactly(urgent, first, last, text);
        assertThat(f.position(urgent)).isEqualTo(1);
        assertThat(f.position(first)).isEqualTo(2);
        assertThat(f.position(last)).isEqualTo(3);
        assertThat(f.position(text)).isEqualTo(1);
    }

    @Test
    void redefiningAQueueOffersItsWaitingContactsToNewlyQualifiedAgents() {
        f.queue("info").skills("info");
        f.agent("tech").skill("tech", 5).ready();
        UUID contact = f.arrive("info");

        f.queue("info").step("info | tech", 0).define();

        assertThat(f.agentOf(contact)).isEqualTo("tech");
    }

    @Test
    void redefiningAQueueWithFewerStepsKeepsContactsAtItsLastStep() {
        f.queue("info").step("info>=9", 5).step("info>=5", 5).step("info", 0).define();
        UUID contact = f.arrive("info");
        f.at(10);
        assertThat(f.contact(contact).step()).isEqualTo(2);

        f.queue("info").step("info>=9", 5).step("info", 0).define();

        assertThat(f.contact(contact).step()).isEqualTo(1);
    }

    @Test
    void redefiningAnAgentsSkillsChangesWhatItReceives() {
        f.queue("info").skills("info");
        f.queue("tech").skills("tech");
        f.agent("a1").skill("info", 5).ready();
        UUID tech = f.arrive("tech");
        assertThat(f.state(tech)).isEqualTo(ContactState.QUEUED);

        f.agent("a1").skill("tech", 5).define();
        f.handle(tech, "a1");
        UUID info = f.arrive("info");

        assertThat(f.offeredTo("a1")).containsExactly(tech);
        assertThat(f.state(info)).isEqualTo(ContactState.QUEUED);
    }

    @Test
    void anAgentIsOfferedTheBestContactAcrossTheQueuesItServes() {
        f.queue("info").skills("info");
        f.queue("tech").skills("tech");
        f.agent("a1").skill("info", 5).skill("tech", 5).define();
        f.arrive("info");
        UUID urgentTech = f.at(1).arrive("tech", Channel.VOICE, 3);

        f.ready("a1");

        assertThat(f.agentOf(urgentTech)).isEqualTo("a1");
    }

    @Test
    void estimatedWaitUsesPositionAgentsAndHandleTime() {
        f.queue("info").aht(90).skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        f.arrive("info");
        f.arrive("info");

        UUID first = f.arrive("info");
        UUID second = f.arrive("info");
        UUID third = f.arrive("info");

        assertThat(f.contact(first).estimatedWaitSeconds())
                .as("1 × 90 s / 2 agents")
                .isEqualTo(45);
        assertThat(f.contact(second).estimatedWaitSeconds()).isEqualTo(90);
        assertThat(f.contact(third).estimatedWaitSeconds()).isEqualTo(135);
    }

    @Test
    void estimatedWaitIsUnknownWhileNobodyIsStaffed() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();

        UUID contact = f.arrive("info");

        assertThat(f.contact(contact).estimatedWaitSeconds()).isNull();
        assertThat(f.queueView("info").estimatedWaitSeconds()).isNull();
    }
}
