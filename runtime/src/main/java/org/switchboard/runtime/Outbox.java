package org.switchboard.runtime;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.port.AnswerOutbox;

/**
 * Answers on their way to subscribers over the channels that deliver them (SMS, e-mail): each {@link
 * Event.MessageSent} of such a channel waits here until its channel reports it submitted or failed ({@link
 * Event.MessageStatusChanged}); a submitted one is then remembered by the network's reference until its delivery
 * receipt, so a receipt that comes after a restart still finds its message. Being a projection, it is in every
 * snapshot and rebuilt from the journal after it: an answer the center acknowledged is never forgotten by a crash,
 * and a channel adapter that starts sends what is pending.
 *
 * <p>What nobody reports on is let go after {@link #KEEP_MS} of the events' time (no channel adapter ran, say), so
 * the outbox stays bounded. Thread-safe: fed on the journal writer's thread, read by the adapters.
 */
public final class Outbox implements Projection, AnswerOutbox {

    /** How long an unreported answer or an unanswered receipt is kept: a week. */
    public static final long KEEP_MS = 7 * 86_400_000L;

    private final Set<Channel> channels;
    private final Map<UUID, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Submitted> submitted = new LinkedHashMap<>();

    private Outbox(Set<Channel> channels) {
        this.channels = channels;
    }

    /** The outbox of the answers sent over {@code channels}: those whose adapters report on what they deliver. */
    public static Kind<Outbox> kind(Set<Channel> channels) {
        Set<Channel> kept = channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels);
        return new Kind<>() {
            @Override
            public String name() {
                return "outbox";
            }

            @Override
            public Outbox create() {
                return new Outbox(kept);
            }

            @Override
            public Outbox read(DataInput in) throws IOException {
                Outbox outbox = new Outbox(kept);
                int pendingCount = in.readInt();
                for (int i = 0; i < pendingCount; i++) {
                    Pending p = new Pending(
                            uuid(in), uuid(in), Channel.valueOf(in.readUTF()), text(in), text(in), in.readLong());
                    if (kept.contains(p.channel())) {
                        outbox.pending.put(p.messageId(), p);
                    }
                }
                int submittedCount = in.readInt();
                for (int i = 0; i < submittedCount; i++) {
                    String reference = text(in);
                    outbox.submitted.put(
                            reference, new Submitted(uuid(in), uuid(in), Channel.valueOf(in.readUTF()), in.readLong()));
                }
                return outbox;
            }
        };
    }

    @Override
    public synchronized void apply(List<Event> events, long firstSeq) {
        long latestMs = Long.MIN_VALUE;
        for (Event event : events) {
            switch (event) {
                case Event.MessageSent sent
                when channels.contains(sent.channel()) ->
                    pending.put(
                            sent.messageId(),
                            new Pending(
                                    sent.contactId(),
                                    sent.messageId(),
                                    sent.channel(),
                                    sent.to(),
                                    sent.text(),
                                    sent.atMs()));
                case Event.MessageStatusChanged report -> reported(report);
                default -> {}
            }
            latestMs = Math.max(latestMs, event.atMs());
        }
        if (latestMs != Long.MIN_VALUE) {
            forgetBefore(latestMs - KEEP_MS);
        }
    }

    private void reported(Event.MessageStatusChanged report) {
        Pending answer = pending.remove(report.messageId());
        if (report.externalId() == null) {
            return;
        }
        if (report.status() == MessageStatus.SUBMITTED && answer != null) {
            submitted.put(
                    report.externalId(),
                    new Submitted(answer.contactId(), answer.messageId(), answer.channel(), report.atMs()));
        } else if (report.status() != MessageStatus.SUBMITTED) {
            submitted.remove(report.externalId());
        }
    }

    private void forgetBefore(long cutMs) {
        for (Iterator<Pending> i = pending.values().iterator(); i.hasNext(); ) {
            if (i.next().atMs() >= cutMs) {
                break;
            }
            i.remove();
        }
        for (Iterator<Submitted> i = submitted.values().iterator(); i.hasNext(); ) {
            if (i.next().atMs() >= cutMs) {
                break;
            }
            i.remove();
        }
    }

    @Override
    public synchronized List<Pending> pending(Channel channel) {
        List<Pending> answers = new ArrayList<>();
        for (Pending answer : pending.values()) {
            if (answer.channel() == channel) {
                answers.add(answer);
            }
        }
        return answers;
    }

    @Override
    public synchronized Optional<Submitted> submitted(String reference) {
        return Optional.ofNullable(submitted.get(reference));
    }

    @Override
    public synchronized void writeTo(DataOutput out) throws IOException {
        out.writeInt(pending.size());
        for (Pending p : pending.values()) {
            uuid(out, p.contactId());
            uuid(out, p.messageId());
            out.writeUTF(p.channel().name());
            text(out, p.to());
            text(out, p.text());
            out.writeLong(p.atMs());
        }
        out.writeInt(submitted.size());
        for (Map.Entry<String, Submitted> e : submitted.entrySet()) {
            text(out, e.getKey());
            uuid(out, e.getValue().contactId());
            uuid(out, e.getValue().messageId());
            out.writeUTF(e.getValue().channel().name());
            out.writeLong(e.getValue().atMs());
        }
    }

    private static void uuid(DataOutput out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(DataInput in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void text(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException("a text of " + length + " bytes in the outbox");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
