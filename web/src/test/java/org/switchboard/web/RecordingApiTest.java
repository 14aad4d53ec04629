package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.Recordings;

/**
 * Recorded conversations through the API: the contact's list, playback as audio/wav to supervisors and the agent who
 * had the conversation, never to another agent or a channel, and every playback in the audit, refused ones too; a
 * playback that cannot be audited is not played.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingApiTest {

    private RunningCenter center;
    private String anton;
    private String antonToken;
    private String borisToken;
    private String supervisorToken;

    @BeforeAll
    void start() {
        center = new RunningCenter();
        anton = unique("anton");
        antonToken = center.agent(anton, "info");
        borisToken = center.agent(unique("boris"), "info");
        supervisorToken = center.user("supervisor");
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void theAgentWhoHadTheConversationAndSupervisorsHearItAndEachPlaybackIsAudited() throws Exception {
        UUID contact = UUID.randomUUID();
        byte[] audio = wavOf(4_000);
        Recordings.Recording recording = center.recordings.add(contact, anton, audio);

        var listed = center.get("/api/v1/contacts/" + contact + "/recordings", antonToken)
                .expect(200)
                .json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(recording.id().toString());
        assertThat(listed.get(0).get("agent").asText()).isEqualTo(anton);
        assertThat(listed.get(0).get("audio").asText()).isEqualTo("/api/v1/recordings/" + recording.id());
        for (String token : new String[] {antonToken, supervisorToken, ADMIN_TOKEN}) {
            HttpResponse<byte[]> played = play(recording.id().toString(), token);
            assertThat(played.statusCode()).isEqualTo(200);
            assertThat(played.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("audio/wav"));
            assertThat(played.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(played.body()).isEqualTo(audio);
        }

        assertThat(center.audit.about(contact.toString(), 10))
                .extracting(AuditRecord::action)
                .containsExactly("recording.play", "recording.play", "recording.play");
        assertThat(center.audit.about(contact.toString(), 10))
                .extracting(AuditRecord::detail)
                .allMatch(d -> d.contains(recording.id().toString()) && d.contains(anton));
    }

    @Test
    void anotherAgentAndAChannelAreRefusedAndTheRefusalIsAudited() throws Exception {
        UUID contact = UUID.randomUUID();
        Recordings.Recording recording = center.recordings.add(contact, anton, wavOf(100));

        center.get("/api/v1/contacts/" + contact + "/recordings", borisToken).expect(403);
        assertThat(play(recording.id().toString(), borisToken).statusCode()).isEqualTo(403);
        assertThat(play(recording.id().toString(), center.user("channel")).statusCode())
                .isEqualTo(403);

        assertThat(center.audit.about(contact.toString(), 10))
                .singleElement()
                .satisfies(r -> assertThat(r.detail()).startsWith("refused: "));
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() throws Exception {
        assertThat(play(UUID.randomUUID().toString(), ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(play("1-1-1-1-1", ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(play("x".repeat(300), ADMIN_TOKEN).statusCode()).isEqualTo(404);
        center.get("/api/v1/contacts/not-a-contact/recordings", ADMIN_TOKEN).expect(404);
        assertThat(center.get("/api/v1/contacts/" + UUID.randomUUID() + "/recordings", ADMIN_TOKEN)
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void aPlaybackThatCannotBeAuditedIsNotPlayed() throws Exception {
        UUID contact = UUID.randomUUID();
        Recordings.Recording recording = center.recordings.add(contact, anton, wavOf(100));
        center.audit.unavailable = true;
        try {
            HttpResponse<byte[]> played = play(recording.id().toString(), supervisorToken);
            assertThat(played.statusCode()).isEqualTo(503);
            assertThat(new String(played.body())).doesNotContain("RIFF").contains("unavailable");
        } finally {
            center.audit.unavailable = false;
        }
    }

    private HttpResponse<byte[]> play(String id, String token) throws Exception {
        return center.http.send(
                center.request("/api/v1/recordings/" + id, token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A WAV-like body of {@code n} bytes, different each time. */
    private static byte[] wavOf(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(n).nextBytes(bytes);
        System.arraycopy("RIFF".getBytes(), 0, bytes, 0, Math.min(4, n));
        return bytes;
    }
}
