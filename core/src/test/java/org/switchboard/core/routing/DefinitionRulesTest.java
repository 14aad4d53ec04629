package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.port.Role;

/** Whether a queue, agent or user exists is the engine's to decide; agents and users share one name space. */
class DefinitionRulesTest {

    private static final Credential TOKEN_A = new Credential("a".repeat(64));
    private static final Credential TOKEN_B = new Credential("b".repeat(64));

    private final EngineFixture f = new EngineFixture();

    @Test
    void creatingAQueueThatExistsIsAConflictAndReplacingOneThatDoesNotIsNotFound() {
        var info = f.queue("info").skills("info");

        assertThat(code(f.apply(new Command.DefineQueue(info, DefinitionMode.CREATE))))
                .isEqualTo(Rejection.Code.CONFLICT);
        var tech = f.queue("tech").step("tech", 0).config();
        assertThat(code(f.apply(new Command.DefineQueue(tech, DefinitionMode.REPLACE))))
                .isEqualTo(Rejection.Code.NOT_FOUND);
        assertThat(f.engine.queue("tech")).isEmpty();
        assertThat(f.apply(new Command.DefineQueue(info, DefinitionMode.REPLACE))
                        .isAccepted())
                .isTrue();
        assertThat(f.apply(new Command.DefineQueue(tech, DefinitionMode.CREATE)).isAccepted())
                .isTrue();
    }

    @Test
    void anAgentCannotTakeAUsersNameNorAUserAnAgents() {
        assertThat(f.apply(user("admin", Role.ADMIN, DefinitionMode.CREATE, TOKEN_A))
                        .isAccepted())
                .isTrue();
        f.agent("anton").define();

        assertThat(code(f.apply(agent("admin", DefinitionMode.UPSERT, TOKEN_B))))
                .isEqualTo(Rejection.Code.CONFLICT);
        assertThat(code(f.apply(user("anton", Role.SUPERVISOR, DefinitionMode.UPSERT, TOKEN_B))))
                .isEqualTo(Rejection.Code.CONFLICT);
        assertThat(f.engine.agent("admin")).isEmpty();
    }

    /**
     * Staff sign in by name whatever its case, so a name that differs from a taken one only in case is taken too,
     * also after a snapshot; a journal written before (caseInsensitive false) replays as it was accepted then.
     */
    @Test
    void aNameThatDiffersOnlyInCaseIsTakenExceptInJournalsWrittenBefore() throws Exception {
        f.apply(user("admin", Role.ADMIN, DefinitionMode.CREATE, TOKEN_A));
        f.agent("anton").define();

        assertThat(f.apply(agent("Anton", DefinitionMode.UPSERT, null)))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
                    assertThat(r.rejection().code()).isEqualTo(Rejection.Code.CONFLICT);
                    assertThat(r.rejection().detail()).contains("taken as 'anton'");
                });
        assertThat(code(f.apply(user("ADMIN", Role.SUPERVISOR, DefinitionMode.CREATE, TOKEN_B))))
                .isEqualTo(Rejection.Code.CONFLICT);
        assertThat(f.apply(agent("anton", DefinitionMode.REPLACE, null)).isAccepted())
                .as("its own name, as written")
                .isTrue();
        RoutingEngine restored = SnapshotFixture.roundTrip(f.engine, event -> {});
        assertThat(restored.apply(agent("ANTON", DefinitionMode.UPSERT, null), null, f.nowMs()))
                .isInstanceOf(Outcome.Rejected.class);

        var before = new Command.DefineAgent(
                AgentConfig.of("Anton", null, Map.of("info", 5)), DefinitionMode.UPSERT, null, false);
        assertThat(f.apply(before).isAccepted()).isTrue();
        assertThat(f.engine.agent("Anton")).isPresent();
        assertThat(f.apply(new Command.DefineUser("Admin", Role.SUPERVISOR, DefinitionMode.CREATE, null, false))
                        .isAccepted())
                .isTrue();
    }

    @Test
    void theLastAdministratorKeepsItsRoleUntilThereIsAnother() {
        f.apply(user("admin", Role.ADMIN, DefinitionMode.CREATE, TOKEN_A));
        int mark = f.mark();

        assertThat(code(f.apply(user("admin", Role.SUPERVISOR, DefinitionMode.UPSERT, null))))
                .isEqualTo(Rejection.Code.CONFLICT);
        assertThat(f.eventsSince(mark)).isEmpty();

        f.apply(user("root", Role.ADMIN, DefinitionMode.CREATE, TOKEN_B));
        assertThat(f.apply(user("admin", Role.SUPERVISOR, DefinitionMode.UPSERT, null))
                        .isAccepted())
                .isTrue();
        assertThat(code(f.apply(user("root", Role.CHANNEL, DefinitionMode.UPSERT, null))))
                .as("root is the last one now")
                .isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void aTokenBelongsToOnePrincipal() {
        f.apply(user("admin", Role.ADMIN, DefinitionMode.CREATE, TOKEN_A));

        assertThat(code(f.apply(user("sv", Role.SUPERVISOR, DefinitionMode.CREATE, TOKEN_A))))
                .isEqualTo(Rejection.Code.CONFLICT);
        assertThat(code(f.apply(agent("anton", DefinitionMode.CREATE, TOKEN_A))))
                .isEqualTo(Rejection.Code.CONFLICT);
        assertThat(f.apply(user("admin", Role.ADMIN, DefinitionMode.REPLACE, TOKEN_A))
                        .isAccepted())
                .as("the holder may be given its own token again")
                .isTrue();
    }

    @Test
    void aReplacedTokenIsFreeForAnotherPrincipal() {
        f.apply(user("admin", Role.ADMIN, DefinitionMode.CREATE, TOKEN_A));
        f.apply(user("admin", Role.ADMIN, DefinitionMode.REPLACE, TOKEN_B));

        assertThat(f.apply(agent("anton", DefinitionMode.CREATE, TOKEN_A)).isAccepted())
                .isTrue();
    }

    @Test
    void definitionsSayWhenACredentialChanged() {
        int mark = f.mark();
        f.apply(user("sv", Role.SUPERVISOR, DefinitionMode.CREATE, TOKEN_A));
        f.apply(user("sv", Role.SUPERVISOR, DefinitionMode.REPLACE, null));
        f.apply(agent("anton", DefinitionMode.CREATE, TOKEN_B));

        assertThat(f.eventsSince(mark))
                .containsExactly(
                        new Event.UserDefined("sv", Role.SUPERVISOR, true, f.nowMs()),
                        new Event.UserDefined("sv", Role.SUPERVISOR, false, f.nowMs()),
                        new Event.AgentDefined("anton", true, f.nowMs()));
    }

    private static Command.DefineUser user(String name, Role role, DefinitionMode mode, Credential credential) {
        return new Command.DefineUser(name, role, mode, credential);
    }

    private static Command.DefineAgent agent(String id, DefinitionMode mode, Credential credential) {
        return new Command.DefineAgent(AgentConfig.of(id, null, Map.of("info", 5)), mode, credential);
    }

    private static Rejection.Code code(Outcome outcome) {
        return ((Outcome.Rejected) outcome).rejection().code();
    }
}
