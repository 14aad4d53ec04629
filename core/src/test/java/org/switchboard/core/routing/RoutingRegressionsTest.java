package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.RoutingStrategy;

/** Bugs the property tests found, each kept as the smallest scenario that showed it. */
class RoutingRegressionsTest {

    private final EngineFixture f = new EngineFixture();

    /** A refused CompleteContact stored its disposition before checking the state; the contact ended with it. */
    @Test
    void Regression_RefusedCompleteLeavesNoDisposition() {
        f.queue("info").skills("info");
        UUID contact = f.arrive("info");
        assertThat(f.apply(new Command.CompleteContact(contact, null, "solved")).isAccepted())
                .isFalse();

        f.abandon(contact);

        assertThat(f.ended(contact).disposition()).isNull();
    }

    /** An offer made to an agent in wrap-up left it showing WRAP_UP, though it now had live work. */
    @Test
    void Regression_OfferDuringWrapUpShowsReady() {
        f.queue("info").wrapUp(5).skills("info");
        f.agent("a0").skill("info", 3).ready();
        UUID first = f.arrive("info", Channel.SMS);
        f.accept(first, "a0");
        f.complete(first, "a0");
        assertThat(f.agentView("a0").status()).isEqualTo(AgentStatus.WRAP_UP);

        f.arrive("info", Channel.WEB);

        assertThat(f.agentView("a0").status()).isEqualTo(AgentStatus.READY);
    }

    /**
     * The successor of a transfer was routed while the transferring agent, just freed, was missing from the ready
     * heaps; the queue's strategy could not choose it even when it was the best agent.
     */
    @Test
    void Regression_TransferringAgentIsEligibleForTheSuccessor() {
        f.queue("info").skills("info");
        f.queue("tech").strategy(RoutingStrategy.MOST_SKILLED).skills("tech");
        f.agent("expert").skill("info", 5).skill("tech", 9).ready();
        f.agent("novice").skill("tech", 3).ready();
        UUID call = f.arrive("info");
        f.accept(call, "expert");

        UUID successor = f.transfer(call, "tech", "expert");

        assertThat(f.agentOf(successor)).isEqualTo("expert");
    }

    /**
     * After a queue was redefined its waiting contacts went to newly qualified agents in the order the agents were
     * defined, not by the queue's strategy.
     */
    @Test
    void Regression_RedefinedQueueOffersByItsStrategy() {
        f.queue("q").skills("x");
        f.agent("definedFirst").skill("y", 5).define();
        f.agent("definedSecond").skill("y", 5).define();
        f.at(0).ready("definedSecond");
        f.at(10).ready("definedFirst");
        UUID contact = f.at(20).arrive("q");

        f.queue("q").skills("y");

        assertThat(f.agentOf(contact)).as("the longest idle agent").isEqualTo("definedSecond");
    }
}
