package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.port.AnswerOutbox;

class OutboxTest {

    private static final Projection.Kind<Outbox> KIND = Outbox.kind(Set.of(Channel.SMS));
    private static final UUID CONTACT = UUID.randomUUID();

    @Test
    void anAnswerWaitsUntilSubmittedThenItsReceiptFindsItByTheNetworksReference() throws IOException {
        Outbox outbox = KIND.create();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        outbox.apply(List.of(sent(first, Channel.SMS, 1_000), sent(second, Channel.SMS, 2_000)), 1);
        outbox.apply(List.of(sent(UUID.randomUUID(), Channel.WEB, 2_000)), 3);

        assertThat(outbox.pending(Channel.SMS))
                .extracting(AnswerOutbox.Pending::messageId)
                .containsExactly(first, second);
        assertThat(outbox.pending(Channel.WEB))
                .as("a channel nobody delivers for")
                .isEmpty();

        outbox.apply(List.of(report(first, MessageStatus.SUBMITTED, "smsc-1", 3_000)), 4);
        Outbox restored = KIND.read(new DataInputStream(new ByteArrayInputStream(bytes(outbox))));

        for (Outbox o : List.of(outbox, restored)) {
            assertThat(o.pending(Channel.SMS))
                    .extracting(AnswerOutbox.Pending::messageId)
                    .containsExactly(second);
            assertThat(o.submitted("smsc-1"))
                    .map(AnswerOutbox.Submitted::messageId)
                    .contains(first);
            assertThat(o.pending(Channel.SMS).getFirst().text()).isEqualTo("Перезагрузите телефон");
        }
        outbox.apply(List.of(report(first, MessageStatus.DELIVERED, "smsc-1", 4_000)), 5);
        outbox.apply(List.of(report(second, MessageStatus.FAILED, null, 4_000)), 6);
        assertThat(outbox.submitted("smsc-1")).isEmpty();
        assertThat(outbox.pending(Channel.SMS)).isEmpty();
    }

    @Test
    void whatNobodyReportsOnIsLetGoAfterAWeek() {
        Outbox outbox = KIND.create();
        outbox.apply(List.of(sent(UUID.randomUUID(), Channel.SMS, 0)), 1);
        outbox.apply(List.of(sent(UUID.randomUUID(), Channel.SMS, Outbox.KEEP_MS - 1)), 2);
        assertThat(outbox.pending(Channel.SMS)).hasSize(2);

        outbox.apply(List.of(sent(UUID.randomUUID(), Channel.SMS, Outbox.KEEP_MS + 1)), 3);

        assertThat(outbox.pending(Channel.SMS))
                .extracting(AnswerOutbox.Pending::atMs)
                .containsExactly(Outbox.KEEP_MS - 1, Outbox.KEEP_MS + 1);
    }

    private static Event sent(UUID message, Channel channel, long atMs) {
        return new Event.MessageSent(
                CONTACT, message, channel, "+79120000001", "Перезагрузите телефон", "anna", "anna", atMs);
    }

    private static Event report(UUID message, MessageStatus status, String reference, long atMs) {
        return new Event.MessageStatusChanged(CONTACT, message, status, reference, null, null, atMs);
    }

    private static byte[] bytes(Outbox outbox) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            outbox.writeTo(out);
        }
        return bytes.toByteArray();
    }
}
