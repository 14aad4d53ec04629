package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;

/**
 * A queue that accepts its offers by itself asks the agent's phone to answer at once: the INVITE carries
 * {@code Call-Info: <sip:…>;answer-after=0} and {@code Alert-Info: …;info=alert-autoanswer}; an ordinary queue's does
 * not. Seen by a hand-written phone on loopback.
 */
class AutoAnswerTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        disk.antonTakesInfo();
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void theAgentsPhoneIsAskedToAnswerByItselfOnlyForAQueueThatAcceptsByItself() throws Exception {
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO);
                RawPhone phone = new RawPhone(gateway.port())) {
            assertThat(phone.registerWith("anton", password)).startsWith("SIP/2.0 200");
            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();

            String ordinary = ringOnce(gateway, phone);
            assertThat(ordinary).doesNotContain("answer-after").doesNotContain("alert-autoanswer");
            assertThat(RawPhone.header(ordinary, "X-Switchboard-Contact")).isNotNull();

            QueueConfig info = disk.center.view().queue("info").orElseThrow().config();
            disk.center
                    .submit(new Command.DefineQueue(info.withAutoAccept(true)))
                    .join();
            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();
            String automatic = ringOnce(gateway, phone);
            assertThat(RawPhone.header(automatic, "Call-Info")).contains("answer-after=0");
            assertThat(RawPhone.header(automatic, "Alert-Info")).contains("info=alert-autoanswer");
        }
    }

    /** A caller rings in and hangs up; the INVITE that rang the phone (refused by it, so the agent is free again). */
    private String ringOnce(SipGateway gateway, RawPhone phone) throws Exception {
        CompletableFuture<Sipp.Run> call =
                Sipp.callLater(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "2000");
        String invite = phone.receive("INVITE");
        phone.send(phone.response(invite, "486 Busy Here", "busy", ""));
        call.get();
        return invite;
    }
}
