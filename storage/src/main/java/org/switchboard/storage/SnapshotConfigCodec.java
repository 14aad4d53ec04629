package org.switchboard.storage;

import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.routing.EngineSnapshot;

/**
 * Queue and agent configurations inside engine snapshots, written as the journal writes them: as the
 * {@code queue.define} and {@code agent.define} commands that carry them, with their stored name and version, so a
 * snapshot taken before a configuration gains a field reads back through the same upcasters as the journal.
 */
final class SnapshotConfigCodec implements EngineSnapshot.ConfigCodec {

    private final MessageCodec codec;

    SnapshotConfigCodec(MessageCodec codec) {
        this.codec = codec;
    }

    @Override
    public String encode(QueueConfig queue) {
        return text(codec.encode(new Command.DefineQueue(queue)));
    }

    @Override
    public String encode(AgentConfig agent) {
        return text(codec.encode(new Command.DefineAgent(agent)));
    }

    @Override
    public QueueConfig decodeQueue(String text) {
        return ((Command.DefineQueue) decode(text)).queue();
    }

    @Override
    public AgentConfig decodeAgent(String text) {
        return ((Command.DefineAgent) decode(text)).agent();
    }

    private static String text(MessageCodec.Encoded encoded) {
        return encoded.type() + '@' + encoded.version() + ' ' + encoded.json();
    }

    private Command decode(String text) {
        int space = text.indexOf(' ');
        int at = text.lastIndexOf('@', space);
        if (space < 0 || at < 0) {
            throw new IllegalArgumentException("not a configuration written by a snapshot");
        }
        return codec.decodeCommand(
                text.substring(0, at), Integer.parseInt(text.substring(at + 1, space)), text.substring(space + 1));
    }
}
