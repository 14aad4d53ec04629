package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.Recordings.Recording;

@ParameterizedClass
@EnumSource(Backend.class)
class RecordingsTest extends BackendTest {

    private Recordings recordings;

    @BeforeEach
    void openRecordings() {
        recordings = database.recordings(directory.resolve("recordings"));
    }

    @Test
    void aListedRecordingIsFoundByItsContactAndItsIdAndItsAudioReadsBack() throws Exception {
        UUID contact = UUID.randomUUID();
        Recording second = recorded(contact, "anton", 2_000, 3_000, new byte[] {1, 2, 3});
        Recording first = recorded(contact, "boris", 1_000, 1_500, new byte[] {4});
        recorded(UUID.randomUUID(), "anton", 1_000, 2_000, new byte[] {5});

        assertThat(recordings.ofContact(contact)).containsExactly(first, second);
        assertThat(recordings.find(second.id())).contains(second);
        assertThat(recordings.find(UUID.randomUUID())).isEmpty();
        try (InputStream audio = recordings.audio(second)) {
            assertThat(audio.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(fixture.reopen().recordings(directory.resolve("recordings")).ofContact(contact))
                .containsExactly(first, second);
    }

    @Test
    void retentionForgetsOldRecordingsAudioAndAllAndOldFilesNobodyListed() throws Exception {
        UUID contact = UUID.randomUUID();
        Recording old = recorded(contact, "anton", 1_000, 2_000, new byte[] {1});
        Recording kept = recorded(contact, "anton", 5_000, 9_000, new byte[] {2});
        Path orphan = recordings.audioFile(UUID.randomUUID()); // its writer died before listing it
        Files.write(orphan, new byte[] {3});
        Files.setLastModifiedTime(orphan, FileTime.fromMillis(1_000));

        assertThat(recordings.forgetBefore(3_000)).isEqualTo(1);

        assertThat(recordings.ofContact(contact)).containsExactly(kept);
        assertThat(recordings.audioFile(old.id())).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(recordings.audioFile(kept.id())).exists();
    }

    @Test
    void audioThatIsNotWhatWasListedIsNotServed() throws Exception {
        UUID contact = UUID.randomUUID();
        Recording truncated = recorded(contact, "anton", 1_000, 2_000, new byte[] {1, 2, 3});
        Files.write(recordings.audioFile(truncated.id()), new byte[] {1});
        Recording linked = recorded(contact, "anton", 1_000, 2_000, new byte[] {1, 2, 3});
        Path elsewhere = Files.write(directory.resolve("elsewhere"), new byte[] {7, 7, 7});
        Files.delete(recordings.audioFile(linked.id()));
        Files.createSymbolicLink(recordings.audioFile(linked.id()), elsewhere);
        Recording folder = recorded(contact, "anton", 1_000, 2_000, new byte[0]);
        Files.delete(recordings.audioFile(folder.id()));
        Files.createDirectory(recordings.audioFile(folder.id()));
        Recording gone = recorded(contact, "anton", 1_000, 2_000, new byte[] {1});
        Files.delete(recordings.audioFile(gone.id()));

        for (Recording damaged : new Recording[] {truncated, linked, folder, gone}) {
            assertThatThrownBy(() -> recordings.audio(damaged).close()).isInstanceOf(java.io.IOException.class);
        }
    }

    private Recording recorded(UUID contact, String agent, long startedAt, long endedAt, byte[] audio)
            throws Exception {
        UUID id = UUID.randomUUID();
        Files.write(recordings.audioFile(id), audio);
        Recording recording = new Recording(id, contact, agent, "tech", startedAt, endedAt, audio.length);
        recordings.add(recording);
        return recording;
    }
}
