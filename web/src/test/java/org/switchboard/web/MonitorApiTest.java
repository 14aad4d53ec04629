package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.CallMonitoring.Mode;

/**
 * Listening in through the API: only supervisors and administrators, in the mode asked, changed by asking again, one
 * supervisor per call; every start, change and stop in the audit; a start the audit cannot take is undone (503), so
 * nobody listens unaudited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorApiTest {

    private RunningCenter center;
    private String supervisorToken;
    private String otherSupervisorToken;
    private String agentToken;

    @BeforeAll
    void start() {
        center = new RunningCenter();
        supervisorToken = center.user("supervisor");
        otherSupervisorToken = center.user("supervisor");
        agentToken = center.agent(unique("anton"), "info");
    }

    @AfterAll
    void stop() {
        center.close();
    }

    private static String path(UUID contact) {
        return "/api/v1/contacts/" + contact + "/monitor";
    }

    @Test
    void aSupervisorListensThenBargesInThenLeavesAndEachStepIsAudited() {
        UUID call = UUID.randomUUID();
        center.monitoring.connect(call);

        var listening = center.post(path(call), supervisorToken, "{\"mode\":\"listen\"}")
                .expect(202)
                .json();
        assertThat(listening.get("state").asText()).isEqualTo("ringing");
        assertThat(listening.get("mode").asText()).isEqualTo("listen");
        assertThat(center.monitoring.mode(call)).contains(Mode.LISTEN);
        var barging = center.post(path(call), supervisorToken, "{\"mode\":\"barge\"}")
                .expect(202)
                .json();
        assertThat(barging.get("state").asText()).isEqualTo("changed");
        assertThat(center.monitoring.mode(call)).contains(Mode.BARGE);
        center.delete(path(call), supervisorToken).expect(204);
        center.delete(path(call), supervisorToken).expect(204);

        assertThat(center.monitoring.mode(call)).isEmpty();
        assertThat(center.audit.about(call.toString(), 10))
                .extracting(AuditRecord::detail)
                .containsExactly("stopped", "barge (mode changed)", "listen (phone rung)");
        assertThat(center.audit.about(call.toString(), 10))
                .extracting(AuditRecord::action)
                .containsOnly("contact.monitor");
    }

    @Test
    void agentsAndChannelsMayNotListenInAndASecondSupervisorFindsTheSeatTaken() {
        UUID call = UUID.randomUUID();
        center.monitoring.connect(call);

        center.post(path(call), agentToken, "{\"mode\":\"listen\"}").expect(403);
        center.post(path(call), center.user("channel"), "{\"mode\":\"listen\"}").expect(403);
        center.post(path(call), supervisorToken, "{\"mode\":\"whisper\"}").expect(202);
        var taken = center.post(path(call), otherSupervisorToken, "{\"mode\":\"barge\"}")
                .expect(409);

        assertThat(taken.text("error")).isEqualTo("monitored");
        assertThat(center.monitoring.mode(call)).contains(Mode.WHISPER);
        center.delete(path(call), otherSupervisorToken).expect(204);
        assertThat(center.monitoring.mode(call)).as("not the other's to end").contains(Mode.WHISPER);
    }

    @Test
    void aCallThatIsNotBridgedOrAMissingPhoneOrABadModeChangesNothing() {
        assertThat(center.post(path(UUID.randomUUID()), ADMIN_TOKEN, "{\"mode\":\"listen\"}")
                        .expect(409)
                        .text("error"))
                .isEqualTo("not_connected");
        for (String mode : new String[] {"sing", "LISTEN", " listen", "l\u0131sten", "whi\u017fper", ""}) {
            center.post(path(UUID.randomUUID()), ADMIN_TOKEN, "{\"mode\":\"" + mode + "\"}")
                    .expect(400);
        }
        center.post(path(UUID.randomUUID()), ADMIN_TOKEN, "{\"mode\":null}").expect(400);
        center.post(path(UUID.randomUUID()), ADMIN_TOKEN, "null").expect(400);
        center.post("/api/v1/contacts/1-1-1-1-1/monitor", ADMIN_TOKEN, "{\"mode\":\"listen\"}")
                .expect(404);
    }

    @Test
    void aStartTheAuditCannotTakeIsUndone() {
        UUID call = UUID.randomUUID();
        center.monitoring.connect(call);
        center.audit.unavailable = true;
        try {
            center.post(path(call), supervisorToken, "{\"mode\":\"listen\"}").expect(503);
        } finally {
            center.audit.unavailable = false;
        }
        assertThat(center.monitoring.mode(call)).isEmpty();
    }
}
